/** The generator commands through the CLI entry: output, files, exit codes, warnings on stderr. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { configWith, project } from '../../test/support/envoy-project.js';
import { runCli } from '../../test/support/run-cli.js';
import { validateBootstrap } from '../envoy-config/validate.js';

afterEach(() => vi.restoreAllMocks());

const cli = runCli;

describe('attache envoy / check / kgateway / envoy-gateway', () => {
  it('attache envoy --config prints the bootstrap (as envoy bootstrap does); --out writes it', async () => {
    const file = await project(configWith(['req-headers']));
    const bare = await cli(['envoy', '--config', file, '--processes', '2']);
    expect(bare).toMatchObject({ code: 0, err: '' });
    expect(validateBootstrap(parse(bare.out))).toEqual([]);
    expect(await cli(['envoy', 'bootstrap', '--config', file, '--processes', '2'])).toEqual(bare);
    const out = path.join(path.dirname(file), 'envoy.yaml');
    expect(await cli(['envoy', '--config', file, '--processes', '2', '-o', out])).toEqual({
      code: 0,
      out: '',
      err: '',
    });
    expect(await readFile(out, 'utf8')).toBe(bare.out);
    const bad = await cli(['envoy', '--config', file, '--processes', 'two']);
    expect(bad).toMatchObject({
      code: 1,
      err: 'attache: --processes must be a positive integer, got "two"\n',
    });
  });

  it('attache check exits 0 without a disagreement and 1 with one, printing each with its fix', async () => {
    const file = await project(configWith(['req-headers']));
    expect(await cli(['check', '--config', file, '--processes', '1'])).toMatchObject({
      code: 0,
      out: expect.stringContaining('no disagreement'),
    });
    const bootstrap = path.join(path.dirname(file), 'envoy.yaml');
    await cli(['envoy', '--config', file, '--processes', '1', '--out', bootstrap]);
    expect((await cli(['check', '--config', file, '--processes', '1', '--bootstrap', bootstrap])).code).toBe(
      0,
    );
    await writeFile(
      bootstrap,
      (await readFile(bootstrap, 'utf8')).replace('request_header_mode: SEND', 'request_header_mode: SKIP'),
    );
    const found = await cli(['check', '--config', file, '--processes', '1', '--bootstrap', bootstrap]);
    expect(found.code).toBe(1);
    expect(found.out).toContain('request_header_mode: SKIP: "req-headers" read the request headers');
    expect(found.out).toContain('  fix: set request_header_mode: SEND');
    expect(found.out).toMatch(/attache check: 1 disagreement\n$/);
    const missing = await cli([
      'check',
      '--config',
      file,
      '--bootstrap',
      path.join(path.dirname(file), 'nope.yaml'),
    ]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('nope.yaml: cannot read') });
  });

  it('attache kgateway and envoy-gateway print manifests and their warnings on stderr', async () => {
    const file = await project(
      'envoy:\n  upstream: 127.0.0.1:8080\nplugins:\n  - use: ./req-headers.js\n    metadataNamespaces: [acme.tenant]\n',
    );
    const kg = await cli(['kgateway', '--config', file, '-n', 'edge']);
    expect(kg.code).toBe(0);
    expect(kg.err).toContain(
      'attache kgateway: warning: plugin "req-headers" writes dynamic metadata in acme.tenant',
    );
    expect(kg.err).toContain('attache kgateway: warning: no envoy.routes: no TrafficPolicy written');
    const kinds = parseAllDocuments(kg.out).map(
      (d) => d.toJS() as { kind: string; metadata: { namespace: string } },
    );
    expect(kinds.map((d) => d.kind)).toEqual([
      'GatewayExtension',
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
    ]);
    expect(kinds.every((d) => d.metadata.namespace === 'edge')).toBe(true);
    const eg = await cli(['envoy-gateway', '--config', file]);
    expect(eg.code).toBe(0);
    expect(eg.err).toContain('attache envoy-gateway: warning: no envoy.routes');
  });
});
