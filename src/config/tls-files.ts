/**
 * `grpc.tls` of a config file: its PEM files read (paths relative to the config file's folder)
 * and checked, every error naming the file, the key, the path and the reason.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AttacheError, ErrorCode } from '../errors.js';
import { checkTls, type TlsOptions } from '../server/tls-options.js';
import type { Config } from './schema.js';

type TlsConfig = NonNullable<Config['grpc']['tls']>;

async function readPem(file: string, dir: string, configFile: string, where: string): Promise<Buffer> {
  try {
    return await readFile(path.resolve(dir, file));
  } catch (cause) {
    const { code, message } = cause as NodeJS.ErrnoException;
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${configFile}: ${where}: cannot read ${file}: ${code ?? message}`,
      {
        cause,
      },
    );
  }
}

/**
 * Reads and checks `grpc.tls` as {@link TlsOptions}; `configFile` (as the user named it) and
 * `dir` (its folder) place the messages and the relative paths.
 * @internal
 */
export async function readTlsFiles(tls: TlsConfig, configFile: string, dir: string): Promise<TlsOptions> {
  const at = (key: string) => `grpc.tls.${key}`;
  const options: TlsOptions = {
    cert: await readPem(tls.certFile, dir, configFile, at('certFile')),
    key: await readPem(tls.keyFile, dir, configFile, at('keyFile')),
    ca: tls.caFile === undefined ? undefined : await readPem(tls.caFile, dir, configFile, at('caFile')),
    clientAuth: tls.clientAuth,
  };
  // Checked here, where the messages can name the files; createServer checks again (cheaply).
  checkTls(options, {
    where: configFile,
    cert: `${at('certFile')} (${tls.certFile})`,
    key: `${at('keyFile')} (${tls.keyFile})`,
    ca: tls.caFile === undefined ? at('caFile') : `${at('caFile')} (${tls.caFile})`,
    clientAuth: at('clientAuth'),
  });
  return options;
}
