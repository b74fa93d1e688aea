import { describe, expect, it } from 'vitest';
import { AttacheError } from '../errors.js';
import { definePlugin, isPlugin } from './define-plugin.js';
import { isImmediateResponse, respond } from './respond.js';

describe('respond()', () => {
  it('normalizes headers and encodes the body', () => {
    const r = respond(403, {
      headers: { 'Content-Type': 'text/plain', 'Set-Cookie': ['a=1', 'b=2'] },
      body: 'no',
    });
    expect(isImmediateResponse(r)).toBe(true);
    expect(r.headers.map(([k, v]) => [k, v.toString()])).toEqual([
      ['content-type', 'text/plain'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    expect(r.body?.toString()).toBe('no');
  });

  it('refuses statuses Envoy would rewrite to 200 and invalid header values', () => {
    expect(() => respond(100)).toThrow(AttacheError);
    expect(() => respond(600)).toThrow(AttacheError);
    expect(() => respond(200, { headers: [['x', 'a\nb']] })).toThrow(/LF/);
  });

  it('is not confused with plain objects', () => {
    expect(isImmediateResponse({ status: 200 })).toBe(false);
  });
});

describe('definePlugin()', () => {
  it('brands valid definitions', () => {
    const p = definePlugin({ name: 'ok', setup: () => ({}) });
    expect(isPlugin(p)).toBe(true);
    expect(isPlugin({ name: 'ok', setup: () => ({}) })).toBe(false);
  });

  it('refuses malformed definitions with the reason', () => {
    expect(() => definePlugin({ name: '', setup: () => ({}) })).toThrow(/name/);
    expect(() => definePlugin({ name: 'x' } as never)).toThrow(/setup must be a function/);
    expect(() => definePlugin({ name: 'x', options: {} as never, setup: () => ({}) })).toThrow(
      /Standard Schema/,
    );
  });
});
