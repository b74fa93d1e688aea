/**
 * The usage texts of `attache` and the option parsing of its commands, both from the command
 * table (`commands.ts`).
 *
 * @module
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { COMMANDS, type CommandGroup, type CommandSpec, isGroup, type OptionSpec } from './commands.js';

type ParseOptions = NonNullable<ParseArgsConfig['options']>;

/** What a command's options parse to. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** `-h, --help`, accepted by every command. */
const HELP: OptionSpec = { name: 'help', short: 'h', type: 'boolean', help: 'print this help' };

const WIDTH = 100;
/** Option names longer than this put their description on the next line. */
const COLUMN = 34;

/** The `node:util` parseArgs options of a command, defaults included. */
export function parseOptions(options: readonly OptionSpec[]): ParseOptions {
  const out: ParseOptions = {};
  for (const o of options) {
    out[o.name] = {
      type: o.type,
      ...(o.short === undefined ? {} : { short: o.short }),
      ...(o.multiple === true ? { multiple: true, default: o.default === undefined ? [] : [o.default] } : {}),
      ...(o.multiple !== true && o.default !== undefined ? { default: o.default } : {}),
      ...(o.type === 'boolean' ? { default: false } : {}),
    } as ParseOptions[string];
  }
  return out;
}

/**
 * Parses a command's arguments (strict: an unknown option is an error).
 *
 * @throws TypeError from `parseArgs` (code `ERR_PARSE_ARGS_*`) for an unknown or malformed option.
 */
export function parseCommand(
  spec: CommandSpec,
  argv: readonly string[],
): { values: OptionValues; positionals: string[] } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: parseOptions(spec.options),
    allowPositionals: spec.positionals !== undefined,
    strict: true,
  });
  return { values: values as OptionValues, positionals };
}

/**
 * Whether the arguments ask for help (`-h` or `--help`): an option value that happens to read
 * `--help` (`--data=--help`) or anything after `--` does not.
 */
export function wantsHelp(options: readonly OptionSpec[], argv: readonly string[]): boolean {
  const { tokens } = parseArgs({
    args: [...argv],
    options: parseOptions([...options, HELP]),
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  return tokens.some((t) => t.kind === 'option' && t.name === 'help');
}

/** Splits `text` into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A default as the usage shows it: quoted when spaces or control characters would blur it. */
const shownDefault = (value: string): string =>
  /^[\x21-\x7e]+$/.test(value) ? value : JSON.stringify(value);

function optionLines(o: OptionSpec): string[] {
  const flag = `${o.short === undefined ? '    ' : `-${o.short}, `}--${o.name}${o.value === undefined ? '' : ` ${o.value}`}`;
  const notes: string[] = [];
  if (o.required === true) notes.push('required');
  if (o.default !== undefined) notes.push(`default: ${shownDefault(o.default)}`);
  else if (o.absent !== undefined) notes.push(`default: ${o.absent}`);
  const text = `${o.help}${notes.length === 0 ? '' : ` (${notes.join('; ')})`}`;
  const left = `  ${flag}`;
  const indent = ' '.repeat(COLUMN + 2);
  const body = wrap(text, WIDTH - indent.length);
  if (left.length > COLUMN) return [left, ...body.map((l) => `${indent}${l}`)];
  return body.map((l, i) => (i === 0 ? left.padEnd(COLUMN + 2) : indent) + l);
}

/** The synopsis: command, positionals, required options. */
function synopsis(spec: CommandSpec): string {
  const required = spec.options
    .filter((o) => o.required === true)
    .map((o) => `--${o.name}${o.value === undefined ? '' : ` ${o.value}`}`);
  return ['attache', ...spec.path, spec.positionals, ...required, '[options]']
    .filter((p) => p !== undefined)
    .join(' ');
}

/** The usage of one command: synopsis, what it does, every option with its default. */
export function commandUsage(spec: CommandSpec): string {
  const lines = [`Usage: ${synopsis(spec)}`, '', ...wrap(spec.summary, WIDTH)];
  if (spec.details !== undefined) lines.push('', ...wrap(spec.details, WIDTH));
  lines.push('', 'Options:');
  for (const o of [...spec.options, HELP]) lines.push(...optionLines(o));
  return `${lines.join('\n')}\n`;
}

/** The usage of a group: its subcommands. */
export function groupUsage(group: CommandGroup): string {
  const width = Math.max(...group.subcommands.map((s) => (s.path.at(-1) ?? '').length)) + 2;
  return [
    `Usage: attache ${group.name} <subcommand> [options]`,
    '',
    group.summary,
    '',
    'Subcommands:',
    ...group.subcommands.map((s) => `  ${(s.path.at(-1) ?? '').padEnd(width)}${s.summary}`),
    '',
    `Run 'attache ${group.name} <subcommand> --help' for its options and defaults.`,
    '',
  ].join('\n');
}

/** `attache --help`: every command in one line each. */
export function overviewUsage(): string {
  const rows = COMMANDS.flatMap((entry) =>
    isGroup(entry)
      ? entry.subcommands.map((s) => [[...s.path, s.positionals ?? ''].join(' ').trim(), s.summary] as const)
      : [[entry.path.join(' '), entry.summary] as const],
  );
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  return [
    'Usage: attache <command> [options]',
    '',
    'Commands:',
    ...rows.flatMap(([name, summary]) =>
      wrap(summary, WIDTH - width - 2).map((l, i) => `  ${(i === 0 ? name : '').padEnd(width)}${l}`),
    ),
    '',
    "Run 'attache <command> --help' or 'attache help <command>' for a command's options and defaults.",
    "Outside a project that depends on attache-extproc, run it as 'npx -p attache-extproc attache <command>':",
    "a plain 'npx attache' would fetch the unrelated npm package named attache.",
    '',
  ].join('\n');
}

/** A string option's value (`undefined` when absent and without default). */
export function stringValue(values: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable option's values, in order. */
export function listValue(values: Readonly<Record<string, unknown>>, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
