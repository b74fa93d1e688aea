/** `--help`, `-h` and `attache help` for every command, through the CLI entry. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../test/support/run-cli.js';
import { configSchema } from '../config/schema.js';
import { normalizeConfig } from '../testing/config.js';

afterEach(() => vi.restoreAllMocks());

const cli = runCli;

/** Every command and subcommand, with every option it accepts (written out, not read from the table). */
const COMMANDS: Record<string, string[]> = {
  serve: [
    '-c, --config <file.yaml>',
    '--address <host:port>',
    '--watch',
    '--processes <n>',
    '--endpoints-file <file.json>',
    '--admin-address <host:port|off>',
  ],
  dev: [
    '-c, --config <file.yaml>',
    '--upstream <http://host:port>',
    '--listen <host:port>',
    '--request-body-mode <',
    '--response-body-mode <',
    '--receive-namespace <ns>',
    '--close <auto|reset|graceful>',
    '--bypass',
    '--server-thread',
    '--watch',
  ],
  send: [
    '--target <host:port>',
    '-X, --method <method>',
    '--path <path>',
    '--authority <host>',
    "-H, --header <'name: value'>",
    '-d, --data <body>',
    '--request-body-mode <',
    '--response-body-mode <',
    '--status <code>',
    '--upstream-body <text>',
    '--receive-namespace <ns>',
    '--message-timeout-ms <ms>',
    '--close <reset|graceful>',
    '--json',
    '--show-secrets',
  ],
  'envoy overrides': [
    '-c, --config <file.yaml>',
    '--request-header-mode <default|send|skip>',
    '--response-header-mode <default|send|skip>',
    '--request-body-mode <none|streamed|buffered|buffered_partial|full_duplex_streamed>',
    '--response-body-mode <none|streamed|buffered|buffered_partial|full_duplex_streamed>',
    '--request-trailer-mode <default|send|skip>',
    '--response-trailer-mode <default|send|skip>',
    '--send-body-without-waiting',
    '--json',
  ],
  'envoy bootstrap': [
    '-c, --config <file.yaml>',
    '--processes <n>',
    '--endpoints-file <file.json>',
    '-o, --out <file>',
  ],
  check: [
    '-c, --config <file.yaml>',
    '--bootstrap <envoy.yaml>',
    '--processes <n>',
    '--endpoints-file <file.json>',
  ],
  kgateway: ['-c, --config <file.yaml>', '-n, --namespace <ns>', '--image <image>', '-o, --out <file>'],
  'envoy-gateway': [
    '-c, --config <file.yaml>',
    '-n, --namespace <ns>',
    '--image <image>',
    '-o, --out <file>',
  ],
  'new plugin': ['--dir <path>', '--worker'],
  version: [],
};

/** The usage text of one option: its line and the description lines under it, joined. */
function optionLine(usage: string, flag: string): string {
  const lines = usage.split('\n');
  const at = lines.findIndex((l) => l.trimStart().startsWith(flag));
  if (at < 0) throw new Error(`no line for ${flag} in:\n${usage}`);
  const text = [lines[at] as string];
  // Continuation lines are indented past the option column.
  for (let i = at + 1; i < lines.length && /^ {8}/.test(lines[i] as string); i++)
    text.push(lines[i] as string);
  return text.map((l) => l.trim()).join(' ');
}

describe('attache <command> --help', () => {
  for (const [command, options] of Object.entries(COMMANDS)) {
    it(`${command}: --help, -h and attache help print its usage with every option, exit 0`, async () => {
      const words = command.split(' ');
      const long = await cli([...words, '--help']);
      expect(long.err).toBe('');
      expect(long.code).toBe(0);
      expect(long.out).toMatch(new RegExp(`^Usage: attache ${command}\\b`));
      for (const option of [...options, '-h, --help']) expect(long.out).toContain(option);
      // Every option line of the usage is one of the options above: nothing undocumented here.
      const listed = long.out.split('\n').filter((l) => /^ {2}(-\w, | {4})--/.test(l));
      expect(listed).toHaveLength(options.length + 1);

      expect(await cli([...words, '-h'])).toEqual(long);
      expect(await cli(['help', ...words])).toEqual(long);
      // Help wins wherever it stands, even after a required value is missing.
      expect(await cli([...words, ...(words[0] === 'new' ? ['x'] : []), '--json', '-h'])).toEqual(long);
    });
  }

  it('attache --help, -h and help list every command, exit 0', async () => {
    const overview = await cli(['--help']);
    expect(overview.code).toBe(0);
    for (const command of Object.keys(COMMANDS)) expect(overview.out).toContain(`\n  ${command}`);
    expect(overview.out).toContain("'attache <command> --help'");
    expect(overview.out).toContain('npx -p attache-extproc attache');
    expect(await cli(['-h'])).toEqual(overview);
    expect(await cli(['help'])).toEqual(overview);
  });

  it('prints the subcommands of envoy and new', async () => {
    const envoy = await cli(['envoy', '--help']);
    expect(envoy).toMatchObject({ code: 0, err: '' });
    expect(envoy.out).toMatch(/^Usage: attache envoy <subcommand>/);
    expect(envoy.out).toContain('\n  overrides ');
    expect(await cli(['help', 'envoy'])).toEqual(envoy);
    const created = await cli(['new', '-h']);
    expect(created.code).toBe(0);
    expect(created.out).toContain('\n  plugin ');
  });

  it('does not take an option value or an argument after -- for a help request', async () => {
    // `-d --help` is ambiguous to parseArgs (a value starting with a dash); `--data=--help` is a body.
    const data = await cli([
      'send',
      '--target',
      '127.0.0.1:1',
      '--data=--help',
      '--message-timeout-ms',
      '50',
    ]);
    expect(data.out).not.toContain('Usage:');
    const dashes = await cli(['new', 'plugin', 'x', '--', '--help']);
    expect(dashes.out).not.toContain('Usage:');
    expect(dashes.err).toContain('unexpected argument "--help"');
  });

  it('refuses unknown commands, subcommands and options with a pointer to the help', async () => {
    const unknown = await cli(['help', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    const sub = await cli(['envoy', 'listeners']);
    expect(sub.code).toBe(1);
    expect(sub.err).toContain('envoy: unknown subcommand "listeners" (bootstrap, overrides)');
    const option = await cli(['send', '--bogus']);
    expect(option.code).toBe(1);
    expect(option.err).toContain("Unknown option '--bogus'");
    expect(option.err).toContain("Run 'attache send --help' for its options.");
  });
});

describe('defaults in the usage', () => {
  it("says how dev and send end each stream, and how to get Envoy's exact close", async () => {
    const dev = optionLine((await cli(['dev', '--help'])).out, '--close <auto|reset|graceful>');
    expect(dev).toContain('(default: auto)');
    expect(dev).toContain("give --close reset for Envoy's exact close");
    expect(dev).toContain('ext_proc_graceful_grpc_close');
    const send = optionLine((await cli(['send', '--help'])).out, '--close <reset|graceful>');
    expect(send).toContain('(default: reset)');
  });

  it('shows send --target as optional, with the address serve listens on by default', async () => {
    const { out } = await cli(['send', '--help']);
    expect(out).toMatch(/^Usage: attache send \[options\]\n/);
    const serveDefault = configSchema.parse({ plugins: [] }).grpc.address;
    expect(optionLine(out, '--target <host:port>')).toContain(`(default: ${serveDefault})`);
    expect(optionLine(out, '--target <host:port>')).not.toContain('required');
  });

  it("shows the simulated filter's defaults as the kit applies them", async () => {
    const { out } = await cli(['send', '--help']);
    const kit = normalizeConfig({});
    expect(optionLine(out, '--message-timeout-ms <ms>')).toContain(`(default: ${kit.messageTimeoutMs})`);
    expect(kit.processingMode.requestBodyMode).toBe('NONE');
    expect(optionLine(out, '--request-body-mode <')).toContain('(default: none)');
    expect(kit.receivingNamespaces).toEqual([]);
    expect(optionLine(out, '--receive-namespace <ns>')).toContain('default: none');
    expect(optionLine(out, '-X, --method <method>')).toContain('(default: GET)');
    expect(optionLine(out, '--status <code>')).toContain('(default: 200)');
    expect(optionLine(out, '--upstream-body <text>')).toContain('(default: "hello from the upstream\\n")');
  });

  it('marks --config required for serve, dev and envoy overrides, and names what an absent option means', async () => {
    for (const command of [['serve'], ['dev'], ['envoy', 'overrides']]) {
      const { out } = await cli([...command, '--help']);
      expect(out).toMatch(
        new RegExp(`^Usage: attache ${command.join(' ')} --config <file.yaml> \\[options\\]`),
      );
      expect(optionLine(out, '-c, --config <file.yaml>')).toContain('(required)');
    }
    const serve = (await cli(['serve', '--help'])).out;
    expect(optionLine(serve, '--address <host:port>')).toContain("default: the config's grpc.address");
    expect(optionLine(serve, '--processes <n>')).toContain("default: the config's grpc.processes");
    expect(optionLine(serve, '--endpoints-file <file.json>')).toContain('default: none written');
    expect(optionLine(serve, '--admin-address <host:port|off>')).toContain(
      "default: the config's admin.address, 127.0.0.1:9464",
    );
    const dev = (await cli(['dev', '--help'])).out;
    expect(optionLine(dev, '--listen <host:port>')).toContain('(default: 127.0.0.1:8000)');
    expect(optionLine(dev, '--upstream <http://host:port>')).toContain('default: a demo upstream');
    const created = (await cli(['new', 'plugin', '--help'])).out;
    expect(created).toMatch(/^Usage: attache new plugin <name> \[options\]/);
    expect(optionLine(created, '--dir <path>')).toContain('default: ./<name>');
  });

  it('envoy overrides: the mode defaults shown are the ones applied', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'attache-help-'));
    const file = path.join(dir, 'attache.yaml');
    await writeFile(file, 'envoy:\n  allowModeOverride: true\nplugins:\n  - use: headers\n    options: {}\n');
    const usage = (await cli(['envoy', 'overrides', '--help'])).out;
    const shown: string[] = [];
    for (const flag of [
      'request-header-mode',
      'response-header-mode',
      'request-trailer-mode',
      'response-trailer-mode',
    ]) {
      expect(optionLine(usage, `--${flag} <`)).toContain('(default: default)');
      shown.push(`--${flag}`, 'default');
    }
    for (const flag of ['request-body-mode', 'response-body-mode']) {
      expect(optionLine(usage, `--${flag} <`)).toContain('(default: none)');
      shown.push(`--${flag}`, 'none');
    }
    const implicit = await cli(['envoy', 'overrides', '--config', file]);
    expect(implicit.code).toBe(0);
    expect(await cli(['envoy', 'overrides', '--config', file, ...shown])).toEqual(implicit);
  });
});
