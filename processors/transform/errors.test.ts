import type { Logger } from 'attache-extproc';
import { describe, expect, it } from 'vitest';
import { startError, writeConfig } from '../../test/support/config-files.js';
import { exchange, MODES, run, transformProcessor } from '../../test/support/transform-exchange.js';

const envoy = { processingMode: MODES.BUFFERED };

/** A logger that keeps every line. */
function capture(): {
  log: Logger;
  lines: Array<{ level: string; obj: Record<string, unknown>; msg?: string }>;
} {
  const lines: Array<{ level: string; obj: Record<string, unknown>; msg?: string }> = [];
  const at =
    (level: string) =>
    (obj: object | string, msg?: string): void => {
      lines.push(
        typeof obj === 'string'
          ? { level, obj: {}, msg: obj }
          : { level, obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) },
      );
    };
  const log: Logger = {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    child: () => log,
  } as Logger;
  return { log, lines };
}

describe('transform: bad input (onError)', () => {
  const cases = [
    {
      what: 'a body that is not JSON under parseAs json',
      body: { parseAs: 'json', value: '{{jsonEscape a}}' },
      input: '{"a": ',
    },
    {
      what: 'a body that is not UTF-8 under parseAs string',
      body: { parseAs: 'string', value: '{{body}}!' },
      input: Buffer.from([0x61, 0xff, 0x62]),
    },
    {
      what: 'a body over maxBodyBytes',
      body: { parseAs: 'string', value: 'x' },
      input: 'x'.repeat(65),
      max: 64,
    },
    {
      what: 'a runaway JSONata expression (time budget)',
      body: { parseAs: 'json', jsonata: '$reduce([1..200000], function($a, $b) { $a + $b })' },
      input: '{}',
    },
    {
      what: 'a JSONata expression recursing without end (depth limit)',
      body: { parseAs: 'json', jsonata: '($f := function($n) { $n + $f($n + 1) }; $f(0))' },
      input: '{}',
    },
    {
      what: 'a JSONata expression that throws',
      body: { parseAs: 'json', jsonata: '$error("boom")' },
      input: '{}',
    },
  ] as const;

  for (const c of cases) {
    for (const direction of ['request', 'response'] as const) {
      it(`${c.what} (${direction}): passthrough keeps the message, reject answers the status`, async () => {
        const input = typeof c.input === 'string' ? c.input : c.input.toString('latin1');
        const options = {
          [direction]: { body: c.body, set: { 'x-done': 'yes' } },
          jsonataTimeoutMs: 20,
          ...('max' in c ? { maxBodyBytes: c.max } : {}),
        };
        // Generous time limits elsewhere, so the outcome is the transform's own (its JSONata budget).
        const spec = {
          envoy: { ...envoy, messageTimeoutMs: 10_000 },
          request: { method: 'POST', body: c.input },
          upstream: { body: c.input },
        };
        const { log, lines } = capture();
        const limits = { timeoutMs: 5000, messageTimeoutMs: 8000 };
        const processor = await transformProcessor(options, {
          processingMode: envoy.processingMode,
          log,
          ...limits,
        });
        const pass = await exchange(processor, spec);
        expect(pass.violations).toEqual([]);
        if (direction === 'request') expect(pass.upstream?.body.toString('latin1')).toBe(input);
        else expect(pass.downstream.body.toString('latin1')).toBe(input);
        const warnings = lines.filter((l) => l.level === 'warn');
        expect(warnings).toHaveLength(1);
        expect(warnings[0]?.obj).toMatchObject({ onError: 'passthrough', failures: 1 });
        // The body is never logged.
        if (input.length > 3) expect(JSON.stringify(warnings[0])).not.toContain(input);

        const reject = await run({ ...options, onError: 'reject' }, spec, limits);
        expect(reject.violations).toEqual([]);
        expect(reject.downstream.status).toBe(direction === 'request' ? 400 : 502);
        expect(reject.downstream.body.toString()).toBe('transformation failed\n');
      });
    }
  }

  it('missing: error turns a missing header or body field into a failure; empty renders ""', async () => {
    const options = {
      request: { body: { parseAs: 'json' }, set: { 'x-a': '{{header "x-none"}}', 'x-b': '{{user.id}}' } },
    };
    const spec = { envoy, request: { method: 'POST', body: '{"user": {}}' } };
    const lenient = await run(options, spec);
    expect(lenient.upstream?.headers.has('x-a')).toBe(false);
    const strictHeader = await run(
      { request: { set: { 'x-a': '{{header "x-none"}}' } }, missing: 'error', onError: 'reject' },
      spec,
    );
    expect(strictHeader.downstream.status).toBe(400);
    const strictField = await run(
      {
        request: { body: { parseAs: 'json' }, set: { 'x-b': '{{user.id}}' } },
        missing: 'error',
        onError: 'reject',
      },
      spec,
    );
    expect(strictField.downstream.status).toBe(400);
  });

  for (const mode of ['STREAMED', 'FULL_DUPLEX_STREAMED'] as const) {
    it(`a header template that reads the body fails under ${mode} (Envoy no longer holds the headers); the body still applies`, async () => {
      const options = {
        request: {
          body: { parseAs: 'json', jsonata: '{ "b": a }' },
          set: { 'x-a': '{{a}}', 'x-static': 'ok' },
        },
      };
      const spec = { envoy: { processingMode: MODES[mode] }, request: { method: 'POST', body: '{"a":"1"}' } };
      const pass = await run(options, spec);
      expect(pass.violations).toEqual([]);
      // The failure is the filter mode's, the same for every message: only the header part is
      // lost (headers-from-body.test.ts covers every mode and both directions).
      expect(pass.upstream?.body.toString()).toBe('{"b":"1"}');
      expect(pass.upstream?.headers.has('x-a')).toBe(false);
      // Templates that do not read the body ran in the headers phase.
      expect(pass.upstream?.headers.get('x-static')).toBe('ok');
    });
  }

  it('a missing field under missing: error is logged without the body', async () => {
    const { log, lines } = capture();
    const processor = await transformProcessor(
      { request: { body: { parseAs: 'json' }, set: { 'x-a': '{{id}}' } }, missing: 'error' },
      { processingMode: envoy.processingMode, log },
    );
    for (const body of ['"secret-body-text"', '{"other": "secret-body-text"}']) {
      const r = await exchange(processor, { envoy, request: { method: 'POST', body } });
      expect(r.upstream?.headers.has('x-a')).toBe(false);
    }
    const reasons = lines.filter((l) => l.level === 'warn').map((l) => String(l.obj.reason));
    expect(reasons).toEqual([
      "TypeError: Cannot use 'in' operator to search for 'id'",
      'Error: "id" not defined',
    ]);
  });

  it('a JSONata result that cannot be applied is a failure too, also for a message without a body', async () => {
    // The expression runs in the headers phase (no body follows); its header template then fails.
    const r = await run(
      {
        request: {
          body: { parseAs: 'json', jsonata: '{ "a": 1 }' },
          set: { 'x-a': '{{base64Decode "YQpi"}}{{json "x"}}' },
        },
        onError: 'reject',
      },
      { envoy, request: { method: 'GET' } },
    );
    expect(r.violations).toEqual([]);
    expect(r.downstream.status).toBe(400);
  });

  it('logs once per stream, and counts every failure', async () => {
    const { log, lines } = capture();
    const processor = await transformProcessor(
      {
        request: { set: { 'x-a': '{{base64Decode (header "x")}}' } },
        response: { set: { 'x-b': '{{header "x"}}' } },
      },
      { log },
    );
    const bad = Buffer.from('a\nb').toString('base64');
    for (let i = 0; i < 3; i++) {
      await exchange(processor, { request: { headers: { x: bad } }, upstream: { headers: { x: 'ok' } } });
    }
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings.map((w) => w.obj.failures)).toEqual([1, 2, 3]);
    expect(String(warnings[0]?.obj.reason)).toMatch(
      /header x-a: the value rendered contains control character 0x0a/,
    );
  });
});

describe('transform: configuration errors fail the start', () => {
  const bad: Array<[string, string, RegExp]> = [
    [
      'a template syntax error',
      "request:\n        set:\n          x-a: 'ok {{#if x}} no end'",
      /: plugins\[0\] \(transform\): setup failed: request\.set\.x-a: syntax error on line 1: /,
    ],
    [
      'an unknown helper',
      'response:\n        set:\n          x-a: "a\\n  {{nope \'x\'}}"',
      /plugins\[0\] \(transform\): setup failed: response\.set\.x-a: unknown helper "nope" at line 2, column 3/,
    ],
    [
      'an env name outside the allow-list',
      'request:\n        set:\n          x-a: \'{{env "HOME"}}\'',
      /request\.set\.x-a: env "HOME" is not in the env allow-list at line 1, column 7/,
    ],
    [
      'a regex RE2 cannot run',
      'request:\n        set:\n          x-a: \'{{regex (header "a") "(?=a)"}}\'',
      /request\.set\.x-a: invalid regular expression .*\(RE2 syntax\).* at line 1, column 22/,
    ],
    [
      'a JSONata syntax error',
      'request:\n        body: { parseAs: json, jsonata: \'{ "a": }\' }',
      /request\.body\.jsonata: JSONata syntax error at character \d+/,
    ],
    [
      'json without parseAs json',
      'request:\n        set:\n          x-a: \'{{json "a"}}\'',
      /request\.set\.x-a: json needs body\.parseAs: json at line 1, column 1/,
    ],
    [
      'an unknown option',
      'request:\n        sett: {}',
      /plugins\[0\] \(transform\)\.options\.request: Unrecognized key: "sett"/,
    ],
    [
      'value and jsonata together',
      "request:\n        body: { parseAs: json, value: 'a', jsonata: 'b' }",
      /options\.request\.body.*give either value or jsonata/,
    ],
  ];
  for (const [what, options, message] of bad) {
    it(what, async () => {
      const file = await writeConfig(
        'attache.yaml',
        `plugins:\n  - use: transform\n    options:\n      ${options}\n`,
      );
      const error = await startError(file);
      expect(error).toContain(`${file}: plugins[0] (transform)`);
      expect(error).toMatch(message);
    });
  }
});
