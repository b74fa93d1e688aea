import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AttacheError, ErrorCode } from '../errors.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { validateOptions } from './validate-options.js';

const withSchema = <S extends z.ZodType>(options: S) =>
  definePlugin({ name: 'p', options, setup: () => ({}) }) as Parameters<typeof validateOptions>[0];

async function failure(promise: Promise<unknown>): Promise<AttacheError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AttacheError)) throw new Error(`expected an AttacheError, got ${String(error)}`);
  return error;
}

describe('validateOptions with absent options', () => {
  it('gives a schema whose fields all have defaults those defaults, as for options: {}', async () => {
    const plugin = withSchema(z.object({ header: z.string().default('x-tenant'), n: z.number().default(7) }));
    expect(await validateOptions(plugin, undefined, 'a.yaml: plugins[0] (p).options')).toEqual({
      header: 'x-tenant',
      n: 7,
    });
  });

  it('names the missing required field, with the reason', async () => {
    const plugin = withSchema(z.object({ header: z.string().default('x'), allowed: z.array(z.string()) }));
    const e = await failure(validateOptions(plugin, undefined, 'a.yaml: plugins[0] (p).options'));
    expect(e.code).toBe(ErrorCode.PLUGIN_OPTIONS);
    expect(e.message).toMatch(
      /a\.yaml: plugins\[0\] \(p\)\.options\.allowed: .*expected array, received undefined/,
    );
    expect(e.message).not.toContain('expected object');
  });

  it('keeps what a schema that accepts undefined makes of it', async () => {
    const optional = withSchema(z.object({ a: z.number().default(1) }).optional());
    expect(await validateOptions(optional, undefined, 'o')).toBeUndefined();
    const ownDefault = withSchema(z.object({ a: z.number().default(1) }).default({ a: 2 }));
    expect(await validateOptions(ownDefault, undefined, 'o')).toEqual({ a: 2 });
  });

  it('reports a schema that wants no object as refusing undefined', async () => {
    const e = await failure(
      validateOptions(withSchema(z.string()), undefined, 'a.yaml: plugins[0] (p).options'),
    );
    expect(e.message).toMatch(/a\.yaml: plugins\[0\] \(p\)\.options: .*expected string, received undefined/);
  });

  it('passes options to a plugin without a schema unchanged, absent ones as undefined', async () => {
    const plugin = definePlugin({ name: 'free', setup: () => ({}) }) as Parameters<typeof validateOptions>[0];
    expect(await validateOptions(plugin, undefined, 'o')).toBeUndefined();
    const given = { a: 1 };
    expect(await validateOptions(plugin, given, 'o')).toBe(given);
  });

  it('does not take an explicit null for absent options', async () => {
    const plugin = withSchema(z.object({ a: z.number().default(1) }));
    const e = await failure(validateOptions(plugin, null, 'a.yaml: plugins[0] (p).options'));
    expect(e.message).toMatch(/options: .*expected object, received null/);
  });
});
