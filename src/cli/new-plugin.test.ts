import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import satisfies from 'semver/functions/satisfies.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureStderr, captureStdout } from '../../test/support/capture-output.js';
import { isPlugin, type Plugin } from '../plugin/define-plugin.js';
import { createProcessor } from '../processor.js';
import { runExchange } from '../testing/exchange.js';
import { ATTACHE_VERSION } from '../version.js';
import { attacheRangeFor, packageNameProblem, scaffoldPlugin } from './new-plugin.js';
import { run } from './run.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const repoManifest = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'attache-new-plugin-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

describe('attache new plugin', () => {
  let dir: string;
  let stdout: string;
  beforeAll(async () => {
    dir = path.join(tmp, 'gen');
    const out = captureStdout();
    try {
      expect(await run(['new', 'plugin', '@acme/stamp', '--dir', dir])).toBe(0);
      stdout = out();
    } finally {
      vi.restoreAllMocks();
    }
    // The generated sources import zod, vitest and @types/node like any package: give the temp
    // folder this repo's node_modules ('attache-extproc' itself comes from vitest's alias or tsc's paths).
    await symlink(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
  });

  it('writes the package files and prints the next steps', async () => {
    for (const file of [
      'package.json',
      'tsconfig.json',
      'vitest.config.ts',
      'src/index.ts',
      'src/index.test.ts',
      'README.md',
    ]) {
      expect(existsSync(path.join(dir, file)), file).toBe(true);
    }
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\ndist/\n');
    expect(stdout).toContain(`cd ${dir}`);
    expect(stdout).toMatch(/npm install\n\s+npm test\n/);
    expect(stdout).toContain('- use: @acme/stamp');
    const readme = await readFile(path.join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('use: @acme/stamp');
    expect(readme).toContain('npm install @acme/stamp');
    // Run where attache-extproc may not be installed: plain `npx attache` would fetch another package.
    expect(stdout).toContain('npx -p attache-extproc attache dev --config attache.yaml');
    expect(readme).toContain('npx -p attache-extproc attache dev --config attache.yaml');
    expect(`${stdout}\n${readme}`).not.toMatch(/npx attache/);
  });

  it("declares attache as a peer with the running major.minor, and this repo's tool versions", async () => {
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    // attache is published as attache-extproc: plain `attache` on npm is an unrelated package.
    expect(Object.keys(pkg.peerDependencies)).toEqual(['attache-extproc']);
    const range = pkg.peerDependencies['attache-extproc'] as string;
    expect(range).toBe(attacheRangeFor(ATTACHE_VERSION));
    expect(satisfies(ATTACHE_VERSION, range)).toBe(true);
    const [major, minor] = ATTACHE_VERSION.split('.').map(Number) as [number, number];
    expect(satisfies(`${major}.${minor + 1}.0`, range)).toBe(major > 0);
    expect(pkg).toMatchObject({
      name: '@acme/stamp',
      version: '0.1.0',
      type: 'module',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      scripts: { build: 'tsc', test: 'vitest run' },
      devDependencies: {
        typescript: repoManifest.devDependencies.typescript,
        vitest: repoManifest.devDependencies.vitest,
        '@types/node': repoManifest.devDependencies['@types/node'],
      },
    });
    expect(pkg.dependencies).toBeUndefined(); // zod comes with attache (import { z } from 'attache-extproc')
    // This test runs from a checkout, so the development install links it (npm has no such
    // attache); an installed attache would write the range itself.
    expect(pkg.devDependencies.attache).toBeUndefined();
    expect(pkg.devDependencies['attache-extproc']).toBe(
      `file:${path.relative(dir, repo).split(path.sep).join('/')}`,
    );
    const tsconfig = JSON.parse(await readFile(path.join(dir, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist', strict: true });
  });

  it('generates a plugin that works: the header reaches the upstream, no violations', async () => {
    const mod = (await import(pathToFileURL(path.join(dir, 'src', 'index.ts')).href)) as {
      default: Plugin<unknown>;
    };
    expect(isPlugin(mod.default)).toBe(true);
    expect(mod.default.name).toBe('@acme/stamp');
    expect(mod.default.attache).toBe(attacheRangeFor(ATTACHE_VERSION));
    const processor = await createProcessor({ plugins: [{ plugin: mod.default, options: { value: 'v1' } }] });
    const result = await runExchange(processor, { request: { path: '/' } });
    expect(result.upstream?.headers.get('x-stamp')).toBe('v1');
    expect(result.violations).toEqual([]);
    await processor.close();
    // The defaults apply when the config gives no options; a header Envoy refuses fails setup.
    const plain = await createProcessor({ plugins: [{ plugin: mod.default }] });
    expect((await runExchange(plain, { request: { path: '/' } })).upstream?.headers.get('x-stamp')).toBe(
      'hello',
    );
    await plain.close();
    await expect(
      createProcessor({ plugins: [{ plugin: mod.default, options: { header: 'host' } }] }),
    ).rejects.toThrow(/host/);
  });

  it('generates sources that type-check under the generated tsconfig', async () => {
    // The generated tsconfig, with `attache-extproc` pointed at this repo's sources (it is not installed
    // here) and nothing emitted. rootDir widens because those sources are outside src/.
    await writeFile(
      path.join(dir, 'tsconfig.check.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        include: ['src', 'vitest.config.ts'],
        compilerOptions: {
          noEmit: true,
          rootDir: path.parse(dir).root,
          paths: {
            'attache-extproc': [path.join(repo, 'src/index.ts')],
            'attache-extproc/testing': [path.join(repo, 'src/testing/index.ts')],
          },
        },
      }),
    );
    const tsc = path.join(repo, 'node_modules/typescript/lib/tsc.js');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.check.json'], {
      cwd: dir,
    }).catch((error: { stdout?: string; stderr?: string }) => error);
    expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('');
    // A whole tsc run: seconds on a quiet machine, far more when the suite shares two cores.
  }, 120_000);
});

describe('attache new plugin: refusals', () => {
  it('refuses an invalid package name, and writes nothing', async () => {
    const stderr = captureStderr();
    const target = path.join(tmp, 'bad');
    expect(await run(['new', 'plugin', 'My Plugin', '--dir', target])).toBe(1);
    expect(stderr()).toContain('"My Plugin" is not a valid npm package name');
    expect(existsSync(target)).toBe(false);
    for (const bad of [
      '',
      'Upper',
      '.dot',
      '_under',
      '@scope',
      '@Scope/x',
      'a/b',
      'fs',
      'node_modules',
      'x'.repeat(215),
    ])
      expect(packageNameProblem(bad), bad).toBeDefined();
    for (const good of ['my-plugin', '@acme/my.plugin_2', 'a'])
      expect(packageNameProblem(good), good).toBeUndefined();
  });

  it('refuses a non-empty folder, and accepts an empty one', async () => {
    const target = path.join(tmp, 'taken');
    await mkdir(target);
    await writeFile(path.join(target, 'keep.txt'), 'mine\n');
    const stderr = captureStderr();
    expect(await run(['new', 'plugin', 'taken', '--dir', target])).toBe(1);
    expect(stderr()).toContain(`${target} is not empty`);
    expect(await readFile(path.join(target, 'keep.txt'), 'utf8')).toBe('mine\n');
    expect(existsSync(path.join(target, 'package.json'))).toBe(false);

    const empty = path.join(tmp, 'empty');
    await mkdir(empty);
    const { files } = await scaffoldPlugin({ name: 'empty', dir: empty });
    expect(files).toContain('src/index.ts');
  });

  it('defaults the folder to the unscoped name and rejects a missing name', async () => {
    const stderr = captureStderr();
    expect(await run(['new', 'plugin'])).toBe(1);
    expect(await run(['new', 'widget', 'x'])).toBe(1);
    expect(stderr()).toContain('attache new plugin <name>');
    const { dir } = await scaffoldPlugin({ name: '@acme/default-dir', cwd: tmp });
    expect(dir).toBe(path.join(tmp, 'default-dir'));
  });
});

describe('attache new plugin --worker', () => {
  let dir: string;
  beforeAll(async () => {
    dir = path.join(tmp, 'gen-worker');
    const out = captureStdout();
    try {
      expect(await run(['new', 'plugin', 'rewrite', '--dir', dir, '--worker'])).toBe(0);
      expect(out()).toContain('src/worker.js');
    } finally {
      vi.restoreAllMocks();
    }
    await symlink(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
  });

  it('writes a plugin with a JavaScript worker module, allowed and checked by its tsconfig', async () => {
    expect(existsSync(path.join(dir, 'src', 'worker.js'))).toBe(true);
    const tsconfig = JSON.parse(await readFile(path.join(dir, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: Record<string, unknown>;
    };
    expect(tsconfig.compilerOptions).toMatchObject({ allowJs: true, checkJs: true });
  });

  it('generates a plugin that works: inline below the threshold, in the pool above it, same result', async () => {
    const mod = (await import(pathToFileURL(path.join(dir, 'src', 'index.ts')).href)) as {
      default: Plugin<unknown>;
    };
    const processor = await createProcessor({
      plugins: [{ plugin: mod.default, options: { from: 'foo', to: 'bar', threshold: 1000 } }],
      timeoutMs: 5_000,
      messageTimeoutMs: 6_000,
    });
    const spec = (body: string) => ({
      envoy: { processingMode: { requestBodyMode: 'BUFFERED' as const }, messageTimeoutMs: 10_000 },
      request: { method: 'POST', body },
    });
    const small = await runExchange(processor, spec('a foo b'));
    const large = await runExchange(processor, spec('a foo b '.repeat(1000)));
    expect(small.upstream?.body.toString()).toBe('a bar b');
    expect(large.upstream?.body.toString()).toBe('a bar b '.repeat(1000));
    expect(large.violations).toEqual([]);
    await processor.close();
  });

  it('generates sources that type-check under the generated tsconfig', async () => {
    await writeFile(
      path.join(dir, 'tsconfig.check.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        include: ['src', 'vitest.config.ts'],
        compilerOptions: {
          noEmit: true,
          rootDir: path.parse(dir).root,
          paths: {
            'attache-extproc': [path.join(repo, 'src/index.ts')],
            'attache-extproc/testing': [path.join(repo, 'src/testing/index.ts')],
          },
        },
      }),
    );
    const tsc = path.join(repo, 'node_modules/typescript/lib/tsc.js');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.check.json'], {
      cwd: dir,
    }).catch((error: { stdout?: string; stderr?: string }) => error);
    expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('');
  }, 120_000);
});
