/**
 * `attache envoy`, `attache check`, `attache kgateway` and `attache envoy-gateway`.
 *
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { runCheck } from '../envoy-config/check.js';
import { loadContext } from '../envoy-config/context.js';
import { generateEnvoyGateway } from '../envoy-config/envoy-gateway.js';
import { generateEnvoy } from '../envoy-config/generate-envoy.js';
import { generateKgateway } from '../envoy-config/kgateway.js';
import { AttacheError, ErrorCode } from '../errors.js';

/** The options of the four commands (each reads the ones it has). */
export interface GeneratorOptions {
  readonly config: string;
  readonly processes?: string;
  readonly endpointsFile?: string;
  readonly bootstrap?: string;
  readonly namespace?: string;
  readonly image?: string;
  readonly out?: string;
}

function processCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `--processes must be a positive integer, got "${value}"`,
    );
  }
  return n;
}

async function emit(text: string, out: string | undefined): Promise<void> {
  if (out === undefined) process.stdout.write(text);
  else await writeFile(out, text);
}

async function readBootstrap(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AttacheError(ErrorCode.CONFIG_INVALID, `${file}: cannot read: ${(error as Error).message}`);
  }
  try {
    return parse(text, { uniqueKeys: true });
  } catch (error) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${file}: not YAML or JSON: ${(error as Error).message}`,
    );
  }
}

/** Runs one of the commands; resolves with the exit code. */
export async function runGenerator(
  command: 'envoy' | 'check' | 'kgateway' | 'envoy-gateway',
  options: GeneratorOptions,
): Promise<number> {
  const endpoints = { processes: processCount(options.processes), endpointsFile: options.endpointsFile };
  switch (command) {
    case 'envoy': {
      const { yaml, warnings } = await generateEnvoy(options.config, endpoints);
      for (const w of warnings) process.stderr.write(`attache envoy: warning: ${w}\n`);
      await emit(yaml, options.out);
      return 0;
    }
    case 'check': {
      const context = await loadContext(options.config);
      const bootstrap = options.bootstrap === undefined ? undefined : await readBootstrap(options.bootstrap);
      const report = await runCheck(context, { bootstrap, bootstrapFile: options.bootstrap, endpoints });
      process.stdout.write(report.text);
      return report.findings.length > 0 ? 1 : 0;
    }
    case 'kgateway':
    case 'envoy-gateway': {
      const context = await loadContext(options.config);
      const manifest = {
        namespace: options.namespace ?? 'default',
        image: options.image ?? 'attache:latest',
      };
      const result =
        command === 'kgateway'
          ? generateKgateway(context, manifest)
          : generateEnvoyGateway(context, manifest);
      for (const w of result.warnings) process.stderr.write(`attache ${command}: warning: ${w}\n`);
      await emit(result.yaml, options.out);
      return 0;
    }
  }
}
