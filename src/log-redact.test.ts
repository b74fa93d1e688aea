/**
 * Header redaction in log lines, through the real logger (pino, JSON): every shape headers are
 * logged in, the configured names, case-insensitively, without touching the caller's object.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HeaderMap } from './http/header-map.js';
import { createLogger } from './log.js';
import { headerRedactor, REDACTED } from './log-redact.js';

function jsonLogger(redactHeaders: string[] = []) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const text of String(chunk).split('\n')) if (text !== '') lines.push(JSON.parse(text));
      done();
    },
  });
  const log = createLogger('debug', 'json', { redactHeaders, destination });
  return { log, lines };
}

const SOURCE = [
  { key: ':path', rawValue: Buffer.from('/x') },
  { key: 'authorization', rawValue: Buffer.from('Bearer s3cret-a') },
  { key: 'cookie', rawValue: Buffer.from('sid=s3cret-c') },
  { key: 'x-api-key', rawValue: Buffer.from('s3cret-k') },
  { key: 'accept', rawValue: Buffer.from('text/html') },
];

describe('log redaction', () => {
  it('logs a header view as a readable object with the sensitive values redacted', () => {
    const { log, lines } = jsonLogger(['X-Api-Key']);
    const headers = new HeaderMap(SOURCE).view();
    log.info({ headers }, 'request');
    expect(lines[0]?.headers).toEqual({
      ':path': '/x',
      authorization: REDACTED,
      cookie: REDACTED,
      'x-api-key': REDACTED,
      accept: 'text/html',
    });
  });

  it('redacts plain objects at any depth and under any field name, case-insensitively', () => {
    const { log, lines } = jsonLogger(['x-api-key']);
    const mine = { Authorization: 'Bearer s3cret-a', 'Set-Cookie': ['a=s3cret-1', 'b=s3cret-2'], ok: 'yes' };
    log.warn({ req: { headers: mine, nested: { deeper: { 'proxy-authorization': 's3cret-p' } } } }, 'x');
    log.error({ 'X-API-KEY': 's3cret-k', cookie: 'sid=s3cret-c' }, 'flat');
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/s3cret/);
    expect(lines[0]).toMatchObject({
      req: {
        headers: { Authorization: REDACTED, 'Set-Cookie': REDACTED, ok: 'yes' },
        nested: { deeper: { 'proxy-authorization': REDACTED } },
      },
    });
    // The caller's object is left as it was.
    expect(mine.Authorization).toBe('Bearer s3cret-a');
  });

  it('redacts Maps, Fetch Headers, Envoy header lists and child loggers (a plugin’s ctx.log)', () => {
    const { log, lines } = jsonLogger();
    const child = log.child({ plugin: 'p' });
    child.info(
      {
        m: new Map([
          ['cookie', 's3cret-m'],
          ['a', 'b'],
        ]),
      },
      'map',
    );
    child.info({ h: new Headers({ authorization: 'Bearer s3cret-h', accept: '*/*' }) }, 'headers');
    child.info(
      {
        list: [
          { key: 'authorization', rawValue: Buffer.from('s3cret-l') },
          { key: 'a', value: 'b' },
        ],
      },
      'list',
    );
    child.info(
      {
        pairs: [
          ['Cookie', 's3cret-p'],
          ['a', 'b'],
        ],
      },
      'pairs',
    );
    expect(JSON.stringify(lines)).not.toMatch(/s3cret/);
    expect(lines[0]).toMatchObject({ plugin: 'p', m: { cookie: REDACTED, a: 'b' } });
    expect(lines[1]).toMatchObject({ h: { authorization: REDACTED, accept: '*/*' } });
    expect(lines[2]).toMatchObject({
      list: [
        { key: 'authorization', rawValue: REDACTED },
        { key: 'a', value: 'b' },
      ],
    });
    expect(lines[3]).toMatchObject({
      pairs: [
        ['Cookie', REDACTED],
        ['a', 'b'],
      ],
    });
  });

  it('returns the same object when nothing is sensitive, and leaves errors to pino', () => {
    const redact = headerRedactor();
    const obj = { a: 1, b: { c: [1, 2, { d: 'x' }] } };
    expect(redact(obj)).toBe(obj);
    const { log, lines } = jsonLogger();
    log.error({ err: new Error('boom') }, 'failed');
    expect(lines[0]?.err).toMatchObject({ message: 'boom', type: 'Error' });
  });

  it('stops at a bounded depth and survives cycles', () => {
    const redact = headerRedactor();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => redact({ cyclic })).not.toThrow();
  });
});
