/**
 * `attache envoy overrides`: the `allow_mode_override` / `allowed_override_modes` lines of the
 * Envoy ext_proc filter for an attache config, listing exactly the overrides attache may send.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { toServerOptions } from '../config/to-server-options.js';
import { AttacheError, ErrorCode } from '../errors.js';
import { silentLogger } from '../log.js';
import { type AllowedOverrides, allowedOverrideModes } from '../mode-override/allowed.js';
import { envoyProcessingMode, filterOverrideConfig } from '../mode-override/filter-config.js';
import { createProcessor } from '../processor.js';
import { type ProcessingModeConfig, withDefaults } from '../protocol/processing-mode.js';
import { bodyModeFlag, headerModeFlag } from './modes.js';

const flow = (fields: Record<string, string>): string => {
  const parts = Object.entries(fields).map(([k, v]) => `${k}: ${v}`);
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
};

/** What {@link renderOverrides} says besides the list. */
export interface RenderContext {
  /** The attache config file. */
  readonly file: string;
  /** The config's `envoy.allowModeOverride`. */
  readonly allowModeOverride: boolean;
  /** The filter's processing mode the list was computed for. */
  readonly processingMode: ProcessingModeConfig;
}

/** The YAML lines for the filter's `typed_config`, with comments saying where they come from. */
export function renderOverrides(result: AllowedOverrides, context: RenderContext): string {
  const lines = [
    `# From ${context.file}, behind an ext_proc filter with`,
    `#   processing_mode: ${flow(envoyProcessingMode(context.processingMode))}`,
  ];
  if (result.ignored !== null) {
    lines.push(`# ${result.ignored}: allow_mode_override has no effect.`, 'allow_mode_override: false');
  } else if (result.modes.length === 0) {
    lines.push('# attache sends no mode_override for this config behind this filter.');
    if (!context.allowModeOverride) {
      lines.push('# With envoy.allowModeOverride: true in the config, it skips the phases no plugin needs.');
    }
    lines.push('allow_mode_override: false');
  } else {
    lines.push(
      '# Every mode_override attache may send, merged as Envoy compares them; an empty list would',
      '# allow any override. List it again when plugins or match conditions change.',
      'allow_mode_override: true',
      'allowed_override_modes:',
      ...result.modes.map((m) => `  - ${flow(envoyProcessingMode(m))}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `attache envoy <subcommand> ...`; returns the exit code. */
export async function envoyCommand(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'overrides') {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `envoy: unknown subcommand ${JSON.stringify(sub ?? '')}; usage: attache envoy overrides --config <file.yaml> [mode flags]`,
    );
  }
  const { values } = parseArgs({
    args: [...rest],
    options: {
      config: { type: 'string', short: 'c' },
      'request-header-mode': { type: 'string' },
      'response-header-mode': { type: 'string' },
      'request-body-mode': { type: 'string' },
      'response-body-mode': { type: 'string' },
      'request-trailer-mode': { type: 'string' },
      'response-trailer-mode': { type: 'string' },
      'send-body-without-waiting': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const command = 'envoy overrides';
  if (!values.config) {
    throw new AttacheError(ErrorCode.CONFIG_INVALID, `${command}: --config <file.yaml> is required`);
  }
  // Checked before any plugin starts, so a typo fails fast.
  const flags = {
    requestHeaderMode: headerModeFlag(values['request-header-mode'], '--request-header-mode', command),
    responseHeaderMode: headerModeFlag(values['response-header-mode'], '--response-header-mode', command),
    requestBodyMode: bodyModeFlag(values['request-body-mode'], '--request-body-mode', command),
    responseBodyMode: bodyModeFlag(values['response-body-mode'], '--response-body-mode', command),
    requestTrailerMode: headerModeFlag(values['request-trailer-mode'], '--request-trailer-mode', command),
    responseTrailerMode: headerModeFlag(values['response-trailer-mode'], '--response-trailer-mode', command),
  };
  const loaded = await loadConfig(values.config);
  // The config's envoy.processingMode (when declared) is the filter's; a flag overrides a field.
  const declared = loaded.config.envoy.processingMode ?? {};
  const processingMode = withDefaults({
    requestHeaderMode:
      values['request-header-mode'] === undefined ? declared.requestHeaderMode : flags.requestHeaderMode,
    responseHeaderMode:
      values['response-header-mode'] === undefined ? declared.responseHeaderMode : flags.responseHeaderMode,
    requestBodyMode:
      values['request-body-mode'] === undefined ? declared.requestBodyMode : flags.requestBodyMode,
    responseBodyMode:
      values['response-body-mode'] === undefined ? declared.responseBodyMode : flags.responseBodyMode,
    requestTrailerMode:
      values['request-trailer-mode'] === undefined ? declared.requestTrailerMode : flags.requestTrailerMode,
    responseTrailerMode:
      values['response-trailer-mode'] === undefined
        ? declared.responseTrailerMode
        : flags.responseTrailerMode,
  });
  const processor = await createProcessor(await toServerOptions(loaded, silentLogger));
  try {
    const result = allowedOverrideModes(processor, {
      processingMode,
      sendBodyWithoutWaiting: values['send-body-without-waiting'],
    });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(filterOverrideConfig(result), null, 2)}\n`);
    } else {
      process.stdout.write(
        renderOverrides(result, {
          file: loaded.file,
          allowModeOverride: loaded.config.envoy.allowModeOverride,
          processingMode,
        }),
      );
    }
  } finally {
    await processor.close();
  }
  return 0;
}
