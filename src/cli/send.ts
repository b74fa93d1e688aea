/**
 * `attache send`: one HTTP exchange through a running processor, driven exactly as Envoy's
 * ext_proc filter would, printing what the upstream and the client would see.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { AttacheError, ErrorCode } from '../errors.js';
import { grpcChannel } from '../testing/channel-grpc.js';
import type { EnvoyFilterConfig } from '../testing/config.js';
import { runExchange } from '../testing/exchange.js';
import type { HeaderList } from '../testing/header-list.js';
import type { ExchangeResult } from '../testing/result.js';
import { processingModeFromFlags } from './modes.js';

function headerPairs(values: readonly string[]): Array<[string, string]> {
  return values.map((h) => {
    const i = h.indexOf(':', h.startsWith(':') ? 1 : 0);
    if (i <= 0)
      throw new AttacheError(ErrorCode.CONFIG_INVALID, `send: header "${h}" must look like 'name: value'`);
    return [h.slice(0, i).trim(), h.slice(i + 1).trim()];
  });
}

function printHeaders(out: string[], list: HeaderList, indent: string): void {
  for (const [k, v] of list.entries()) out.push(`${indent}${k}: ${v}`);
}

function printBody(out: string[], body: Buffer, indent: string): void {
  if (body.length === 0) return;
  const text = body.toString('utf8');
  out.push(`${indent}(${body.length} bytes)`);
  for (const line of text.slice(0, 4096).replace(/\n$/, '').split('\n')) out.push(`${indent}${line}`);
  if (text.length > 4096) out.push(`${indent}…`);
}

/** Renders an exchange result for people. */
export function formatResult(result: ExchangeResult): string {
  const out: string[] = [];
  if (result.upstream === null) {
    out.push('upstream: (request never reached the upstream)');
  } else {
    out.push('upstream received:');
    printHeaders(out, result.upstream.headers, '  ');
    printBody(out, result.upstream.body, '  ');
  }
  const d = result.downstream;
  out.push(
    `client received: ${d.reset ? 'stream reset' : d.status}${d.localReply ? ` (local reply${d.details ? `: ${d.details}` : ''})` : ''}`,
  );
  printHeaders(out, d.headers, '  ');
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

/** Runs the command; returns the exit code (1 when Envoy would see a protocol violation). */
export async function send(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string', default: '127.0.0.1:50051' },
      method: { type: 'string', short: 'X', default: 'GET' },
      path: { type: 'string', default: '/' },
      authority: { type: 'string', default: 'example.com' },
      header: { type: 'string', short: 'H', multiple: true, default: [] },
      data: { type: 'string', short: 'd' },
      'request-body-mode': { type: 'string' },
      'response-body-mode': { type: 'string' },
      status: { type: 'string', default: '200' },
      'upstream-body': { type: 'string' },
      'message-timeout-ms': { type: 'string', default: '200' },
      'receive-namespace': { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const envoy: EnvoyFilterConfig = {
    processingMode: processingModeFromFlags(
      'send',
      values['request-body-mode'],
      values['response-body-mode'],
    ),
    messageTimeoutMs: Number(values['message-timeout-ms']),
    metadataOptions: { receivingNamespaces: { untyped: values['receive-namespace'] } },
  };
  const channel = grpcChannel(values.target);
  try {
    const result = await runExchange(channel, {
      envoy,
      request: {
        method: values.method,
        path: values.path,
        authority: values.authority,
        headers: headerPairs(values.header),
        ...(values.data === undefined ? {} : { body: values.data }),
      },
      upstream: {
        status: Number(values.status),
        headers: { 'content-type': 'text/plain' },
        body: values['upstream-body'] ?? 'hello from the upstream\n',
      },
    });
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(result));
    return result.violations.length === 0 ? 0 : 1;
  } finally {
    channel.close();
  }
}
