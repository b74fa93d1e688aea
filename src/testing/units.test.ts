import { describe, expect, it } from 'vitest';
import type { MutationRules } from '../http/header-rules.js';
import { evaluateAttributes } from './attributes.js';
import { normalizeConfig } from './config.js';
import { InvalidConfigError } from './errors.js';
import { HeaderList } from './header-list.js';
import { HeaderMap } from './header-map.js';
import { prepareLocalReply } from './local-reply.js';
import { headerNameIsValid, headerValueIsValid, MutationChecker } from './mutation-check.js';

// Every field of MutationRules is optional: an empty object is Envoy's defaults.
const DEFAULT_RULES: MutationRules = {};

describe('HeaderMap', () => {
  it('keeps pseudo-headers first, folds inline headers with ",", keeps other repeats separate', () => {
    const m = HeaderMap.of('request-headers', [
      ['x-a', '1'],
      [':path', '/'],
      ['User-Agent', 'a'],
      ['user-agent', 'b'],
      ['x-a', '2'],
    ]);
    expect(m.entries().map((e) => `${e.key}=${e.value}`)).toEqual([
      ':path=/',
      'x-a=1',
      'user-agent=a,b',
      'x-a=2',
    ]);
    m.set('x-a', Buffer.from('3'));
    expect(m.get('x-a').map(String)).toEqual(['3']);
    m.add(':method', Buffer.from('GET'));
    expect(m.entries()[1]?.key).toBe(':method');
    // ':path' '/' + 'user-agent' 'a,b' + 'x-a' '3' + ':method' 'GET'
    expect(m.byteSize()).toBe(6 + 13 + 4 + 10);
  });

  it('response trailers fold only grpc-status / grpc-message', () => {
    const t = HeaderMap.of('response-trailers', [
      ['grpc-message', 'a'],
      ['grpc-message', 'b'],
      ['x', '1'],
      ['x', '2'],
    ]);
    expect(t.size).toBe(3);
  });
});

describe('HeaderList', () => {
  it('a snapshot of a map keeps what the map held then, whatever the map does next', () => {
    const m = HeaderMap.of('request-headers', [
      [':path', '/'],
      ['user-agent', 'a'],
      ['x-a', '1'],
      ['x-gone', 'g'],
    ]);
    const before = HeaderList.fromMap(m);
    m.add('user-agent', Buffer.from('b')); // inline: folded into the first entry
    m.set('x-a', Buffer.from('2'));
    m.remove('x-gone');
    m.add(':method', Buffer.from('GET'));
    expect(before.entries()).toEqual([
      [':path', '/'],
      ['user-agent', 'a'],
      ['x-a', '1'],
      ['x-gone', 'g'],
    ]);
    expect(HeaderList.fromMap(m).entries()).toEqual([
      [':path', '/'],
      [':method', 'GET'],
      ['user-agent', 'a,b'],
      ['x-a', '2'],
    ]);
    // The bytes a list hands out are copies: writing into them changes neither the list nor the map.
    const raw = before.getRaw('x-a')[0] as Buffer;
    raw[0] = 0x39;
    before.rawEntries()[2]?.[1].fill(0x39);
    expect(before.get('x-a')).toBe('1');
    expect(m.getString('x-a')).toBe('2');
  });

  it('reads values as UTF-8 and raw bytes, serializes as pairs', () => {
    const l = new HeaderList([
      ['A', Buffer.from('1')],
      ['a', Buffer.from([0xff])],
    ]);
    expect(l.get('a')).toBe('1');
    expect(l.getAll('A')).toHaveLength(2);
    expect(l.getRaw('a')[1]?.[0]).toBe(0xff);
    expect(l.has('b')).toBe(false);
    expect(JSON.parse(JSON.stringify(l))).toEqual([
      ['a', '1'],
      ['a', '\ufffd'],
    ]);
    expect([...l].length).toBe(2);
  });
});

describe('mutation checker (§6.3)', () => {
  it('validates names and values', () => {
    expect(headerNameIsValid('x-Good')).toBe(true);
    expect(headerNameIsValid(':path')).toBe(true);
    expect(headerNameIsValid(':')).toBe(false);
    expect(headerNameIsValid('bad name')).toBe(false);
    expect(headerNameIsValid('')).toBe(true); // §19.4
    expect(headerValueIsValid(Buffer.from('a\tb é'))).toBe(true);
    expect(headerValueIsValid(Buffer.from('a\nb'))).toBe(false);
    expect(headerValueIsValid(Buffer.from([0x61, 0x00]))).toBe(false);
  });

  it('applies the default rules', () => {
    const c = new MutationChecker(DEFAULT_RULES);
    const v = (s: string) => Buffer.from(s);
    expect(c.check('set', 'x-a', v('1'))).toBe('ok');
    expect(c.check('set', ':path', v('/x'))).toBe('ok');
    expect(c.check('append', ':path', v('/x'))).toBe('ignore');
    expect(c.check('set', ':authority', v('a'))).toBe('ignore');
    expect(c.check('set', 'host', v('a'))).toBe('ignore');
    expect(c.check('set', 'x-envoy-x', v('a'))).toBe('ignore');
    expect(c.check('remove', ':path', v(''))).toBe('ignore');
    expect(c.check('remove', 'host', v(''))).toBe('ignore');
    expect(c.check('remove', 'x-a', v(''))).toBe('ok');
    expect(c.check('set', ':status', v('299'))).toBe('ok');
    expect(c.check('set', ':status', v('199'))).toBe('ignore');
  });

  it('honors allow/disallow flags and expressions', () => {
    const v = Buffer.from('h.example');
    expect(
      new MutationChecker({ ...DEFAULT_RULES, allowAllRouting: true }).check('set', ':authority', v),
    ).toBe('ok');
    expect(
      new MutationChecker({ ...DEFAULT_RULES, allowAllRouting: true }).check(
        'set',
        ':authority',
        Buffer.from('a b'),
      ),
    ).toBe('ignore');
    expect(
      new MutationChecker({ ...DEFAULT_RULES, allowAllRouting: true }).check(
        'set',
        ':scheme',
        Buffer.from('ftp'),
      ),
    ).toBe('ignore');
    expect(new MutationChecker({ ...DEFAULT_RULES, disallowSystem: true }).check('set', ':path', v)).toBe(
      'ignore',
    );
    expect(new MutationChecker({ ...DEFAULT_RULES, disallowAll: true }).check('set', 'x-a', v)).toBe(
      'ignore',
    );
    expect(new MutationChecker({ ...DEFAULT_RULES, disallowIsError: true }).check('set', 'host', v)).toBe(
      'fail',
    );
    expect(
      new MutationChecker({ ...DEFAULT_RULES, allowExpression: 'x-envoy-.*' }).check('set', 'x-envoy-a', v),
    ).toBe('ok');
    expect(
      new MutationChecker({ ...DEFAULT_RULES, allowExpression: '.*', disallowExpression: 'x-b' }).check(
        'set',
        'x-b',
        v,
      ),
    ).toBe('ignore');
  });
});

describe('local replies', () => {
  it('plain reply: content-length and text/plain only with a body', () => {
    const r = prepareLocalReply({ status: 504, body: Buffer.alloc(0), details: 'd' }, undefined);
    expect(r.headers.entries().map((e) => e.key)).toEqual([':status']);
    const b = prepareLocalReply({ status: 403, body: Buffer.from('no'), details: 'd' }, undefined);
    expect(b.headers.getString('content-length')).toBe('2');
    expect(b.headers.getString('content-type')).toBe('text/plain');
  });

  it('gRPC request: trailers-only reply with a mapped grpc-status when none is given', () => {
    const req = HeaderMap.of('request-headers', [['content-type', 'application/grpc+proto']]);
    const r = prepareLocalReply({ status: 503, body: Buffer.from('down\n'), details: 'd' }, req);
    expect(r.headers.getString(':status')).toBe('200');
    expect(r.headers.getString('grpc-status')).toBe('14');
    expect(r.headers.getString('grpc-message')).toBe('down');
    expect(r.body.length).toBe(0);
  });
});

describe('attributes', () => {
  it('evaluates known names, omits unknown or unavailable ones', () => {
    const requestHeaders = HeaderMap.of('request-headers', [
      [':path', '/a/b?x=1'],
      [':authority', 'h'],
      ['content-length', '10'],
    ]);
    const out = evaluateAttributes(
      [
        'request.url_path',
        'request.query',
        'request.size',
        'request.headers',
        'response.code',
        'nope',
        'source.address',
      ],
      {
        requestHeaders,
        requestBodyBytes: 0,
        protocol: 'HTTP/1.1',
        startTime: new Date(0),
        responseBodyBytes: 0,
        source: { address: '10.0.0.1', port: 5 },
        destination: { address: '10.0.0.2', port: 6 },
        mtls: false,
      },
    );
    expect(out).toEqual({
      'request.url_path': '/a/b',
      'request.query': 'x=1',
      'request.size': 10,
      'request.headers': 'CelMap value',
      'source.address': '10.0.0.1:5',
    });
  });
});

describe('config normalization', () => {
  it('applies Envoy defaults', () => {
    const c = normalizeConfig();
    expect(c).toMatchObject({
      messageTimeoutMs: 200,
      maxMessageTimeoutMs: 0,
      statusOnError: 500,
      bufferLimitBytes: 1024 * 1024,
      maxHeadersCount: 100,
      maxHeadersKb: 60,
      deferredCloseTimeoutMs: 5000,
      routeCacheAction: 'DEFAULT',
      hcmHeaders: true,
    });
    expect(c.processingMode).toEqual({
      requestHeaderMode: 'DEFAULT',
      responseHeaderMode: 'DEFAULT',
      requestBodyMode: 'NONE',
      responseBodyMode: 'NONE',
      requestTrailerMode: 'DEFAULT',
      responseTrailerMode: 'DEFAULT',
    });
  });

  it('rejects invalid values', () => {
    expect(() => normalizeConfig({ messageTimeoutMs: -1 })).toThrow(InvalidConfigError);
    expect(() => normalizeConfig({ processingMode: { requestHeaderMode: 'NOPE' as 'SEND' } })).toThrow(
      InvalidConfigError,
    );
  });
});
