/**
 * `attache send`: one HTTP exchange through a running processor, driven exactly as Envoy's
 * ext_proc filter would, printing what the upstream and the client would see.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { AttacheError, ErrorCode } from '../errors.js';
import { http2Channel } from '../testing/channel-http2.js';
import type { EnvoyFilterConfig } from '../testing/config.js';
import { runExchange } from '../testing/exchange.js';
import type { HeaderList } from '../testing/header-list.js';
import type { ExchangeResult } from '../testing/result.js';
import { closeModeFlag } from './close-mode.js';
import { SEND } from './commands.js';
import { processingModeFromFlags } from './modes.js';
import { listValue, parseCommand, stringValue } from './usage.js';

function headerPairs(values: readonly string[]): Array<[string, string]> {
  return values.map((h) => {
    const i = h.indexOf(':', h.startsWith(':') ? 1 : 0);
    if (i <= 0)
      throw new AttacheError(ErrorCode.CONFIG_INVALID, `send: header "${h}" must look like 'name: value'`);
    return [h.slice(0, i).trim(), h.slice(i + 1).trim()];
  });
}

/** Headers whose values are credentials: redacted in the output unless `--show-secrets`. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * A credential's stand-in: its length and a short SHA-256 fingerprint, enough to see whether a
 * plugin changed or removed it, not enough to use it.
 */
function redacted(value: string): string {
  const digest = createHash('sha256').update(value).digest('hex').slice(0, 8);
  return `[redacted: ${Buffer.byteLength(value)} bytes, sha256 ${digest}]`;
}

function printHeaders(out: string[], list: HeaderList, indent: string, showSecrets: boolean): void {
  for (const [k, v] of list.entries()) {
    out.push(`${indent}${k}: ${showSecrets || !SECRET_HEADERS.has(k.toLowerCase()) ? v : redacted(v)}`);
  }
}

/** A header value as it sits in the result: a string, a Buffer, or a Buffer's JSON form. */
function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  const data = (value as { data?: unknown } | null)?.data;
  return Array.isArray(data) ? Buffer.from(data as number[]).toString('latin1') : '';
}

/** The result with credential header values replaced by {@link redacted}, for `--json`. */
function redactResult(result: ExchangeResult): unknown {
  return JSON.parse(
    JSON.stringify(result, (_key, value: unknown) => {
      if (
        Array.isArray(value) &&
        value.length === 2 &&
        typeof value[0] === 'string' &&
        typeof value[1] === 'string'
      ) {
        return SECRET_HEADERS.has(value[0].toLowerCase()) ? [value[0], redacted(value[1])] : value;
      }
      const v = value as { key?: unknown; rawValue?: unknown; value?: unknown } | null;
      if (
        v !== null &&
        typeof v === 'object' &&
        typeof v.key === 'string' &&
        SECRET_HEADERS.has(v.key.toLowerCase())
      ) {
        return { ...v, rawValue: undefined, value: redacted(headerText(v.rawValue ?? v.value)) };
      }
      return value;
    }),
  );
}

function printBody(out: string[], body: Buffer, indent: string): void {
  if (body.length === 0) return;
  const text = body.toString('utf8');
  out.push(`${indent}(${body.length} bytes)`);
  for (const line of text.slice(0, 4096).replace(/\n$/, '').split('\n')) out.push(`${indent}${line}`);
  if (text.length > 4096) out.push(`${indent}…`);
}

/** Renders an exchange result for people; credential headers redacted unless `showSecrets`. */
export function formatResult(result: ExchangeResult, showSecrets = false): string {
  const out: string[] = [];
  if (result.upstream === null) {
    out.push('upstream: (request never reached the upstream)');
  } else {
    out.push('upstream received:');
    printHeaders(out, result.upstream.headers, '  ', showSecrets);
    printBody(out, result.upstream.body, '  ');
  }
  const d = result.downstream;
  out.push(
    `client received: ${d.reset ? 'stream reset' : d.status}${d.localReply ? ` (local reply${d.details ? `: ${d.details}` : ''})` : ''}`,
  );
  printHeaders(out, d.headers, '  ', showSecrets);
  printBody(out, d.body, '  ');
  const sent = result.received.flatMap((r) =>
    r.dynamicMetadata && Object.keys(r.dynamicMetadata).length > 0 ? [r.dynamicMetadata] : [],
  );
  if (sent.length > 0) {
    out.push(`dynamic metadata sent by the server: ${sent.map((m) => JSON.stringify(m)).join(' ')}`);
    out.push(
      `  kept by Envoy (only --receive-namespace namespaces): ${JSON.stringify(result.dynamicMetadata)}`,
    );
  }
  if (result.violations.length === 0) {
    out.push('protocol: no violations');
  } else {
    out.push('protocol violations (as Envoy judges them):');
    for (const v of result.violations)
      out.push(`  - ${v.kind}${v.direction ? ` [${v.direction}]` : ''}: ${v.message}`);
  }
  return `${out.join('\n')}\n`;
}

/** An integer flag within `[min, max]`, named in the error otherwise. */
function integerFlag(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `send: --${flag} must be an integer from ${min} to ${max}, got "${value}"`,
    );
  }
  return n;
}

/** Runs the command; returns the exit code (1 when Envoy would see a protocol violation). */
export async function send(argv: readonly string[]): Promise<number> {
  const { values: parsed } = parseCommand(SEND, argv);
  // Every string option of `send` but `data` has a default, so these are set.
  const value = (name: string): string => stringValue(parsed, name) ?? '';
  const data = stringValue(parsed, 'data');
  const status = integerFlag(value('status'), 'status', 100, 599);
  const envoy: EnvoyFilterConfig = {
    processingMode: processingModeFromFlags('send', value('request-body-mode'), value('response-body-mode')),
    messageTimeoutMs: integerFlag(value('message-timeout-ms'), 'message-timeout-ms', 0, 3_600_000),
    metadataOptions: { receivingNamespaces: { untyped: listValue(parsed, 'receive-namespace') } },
  };
  const close = closeModeFlag(value('close'), 'send');
  const channel = http2Channel(value('target'), { close });
  try {
    const result = await runExchange(channel, {
      envoy,
      request: {
        method: value('method'),
        path: value('path'),
        authority: value('authority'),
        headers: headerPairs(listValue(parsed, 'header')),
        ...(data === undefined ? {} : { body: data }),
      },
      upstream: {
        status,
        headers: { 'content-type': 'text/plain' },
        body: value('upstream-body'),
      },
    });
    const showSecrets = parsed['show-secrets'] === true;
    process.stdout.write(
      parsed.json === true
        ? `${JSON.stringify(showSecrets ? result : redactResult(result), null, 2)}\n`
        : formatResult(result, showSecrets),
    );
    return result.violations.length === 0 ? 0 : 1;
  } finally {
    channel.close();
  }
}
