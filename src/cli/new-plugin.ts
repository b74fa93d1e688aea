import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { AttacheError, ErrorCode } from '../errors.js';
import { ATTACHE_NPM_NAME, ATTACHE_PACKAGE, ATTACHE_VERSION } from '../version.js';
import { NEW_PLUGIN } from './commands.js';
import { parseCommand, stringValue } from './usage.js';

const USAGE_LINE = 'attache new plugin <name> [--dir <path>] [--worker]';

/** What the templates need besides the package name. */
export interface PluginTemplateInput {
  /** The npm package name, also the plugin's `name`. */
  readonly name: string;
  /** The `attache` semver range: peer dependency and `definePlugin({ attache })`. */
  readonly attacheRange: string;
  /** How the package's own development install gets attache (the range, or a `file:` path). */
  readonly attacheDevSpec: string;
  /** Version ranges of the other dependencies, as attache itself uses them. */
  readonly versions: {
    readonly typescript: string;
    readonly vitest: string;
    readonly typesNode: string;
  };
  /** `engines.node` of the package (attache's own). */
  readonly node: string;
}

/** The files of a new plugin package, by path relative to its folder (`/`-separated). */
export type PluginFiles = Readonly<Record<string, string>>;

/**
 * The `attache` range a new plugin declares: the running version's major.minor, which is what
 * `^` allows for 0.x versions too (`^0.1.0` is `>=0.1.0 <0.2.0`).
 */
export function attacheRangeFor(version: string): string {
  const match = /^(\d+)\.(\d+)\.\d+/.exec(version);
  if (match === null) throw new Error(`attache: cannot derive a range from version "${version}"`);
  return `^${match[1]}.${match[2]}.0`;
}

// Lower case, URL-safe, not starting with `.`, `_` or `-`: valid for npm and for definePlugin's
// name rule alike. Stricter than npm (which also allows `~` and a leading `-`) on purpose.
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

/** Why `name` cannot be the name of a new npm package, or `undefined` when it can. */
export function packageNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > 214) return 'npm package names are at most 214 characters long';
  if (name !== name.toLowerCase()) return 'npm package names are lower case';
  if (!PACKAGE_NAME.test(name)) {
    return 'use lower-case letters, digits, "-", "." and "_", starting with a letter or digit, optionally scoped as @scope/name';
  }
  if (name === 'node_modules' || name === 'favicon.ico') return `"${name}" is reserved by npm`;
  if (isBuiltin(name)) return `"${name}" is a Node.js core module name`;
  return undefined;
}

/** The package name without its scope: the default folder, and the base of the header name. */
function baseName(name: string): string {
  return name.slice(name.indexOf('/') + 1);
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** Which plugin to scaffold: one that sets a header, or one that rewrites bodies in a worker. */
export interface PluginFlavor {
  /** A body rewrite through a worker module (`api.workers`). */
  readonly worker?: boolean;
}

function packageJson(input: PluginTemplateInput, flavor: PluginFlavor): string {
  return json({
    name: input.name,
    version: '0.1.0',
    description: flavor.worker
      ? 'An attache plugin: rewrites request bodies, large ones in worker threads.'
      : 'An attache plugin: sets a request header.',
    type: 'module',
    keywords: ['attache', 'attache-plugin', 'envoy', 'ext_proc'],
    engines: { node: input.node },
    // attache imports the plugin with Node's `import`, so the package ships compiled JavaScript.
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    // Tests are compiled too (so `npm run build` type-checks them) but not published.
    files: ['dist', '!dist/**/*.test.*'],
    scripts: { build: 'tsc', test: 'vitest run', prepack: 'npm run build' },
    // A peer: the plugin runs inside the attache that loads it and must not bring its own.
    peerDependencies: { [ATTACHE_NPM_NAME]: input.attacheRange },
    devDependencies: {
      '@types/node': input.versions.typesNode,
      [ATTACHE_NPM_NAME]: input.attacheDevSpec,
      typescript: input.versions.typescript,
      vitest: input.versions.vitest,
    },
  });
}

function tsconfigJson(flavor: PluginFlavor): string {
  return json({
    compilerOptions: {
      // The worker module is JavaScript (threads load it as is), type-checked from its JSDoc.
      ...(flavor.worker ? { allowJs: true, checkJs: true } : {}),
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      noImplicitReturns: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      skipLibCheck: true,
      declaration: true,
      sourceMap: true,
      rootDir: 'src',
      outDir: 'dist',
    },
    include: ['src'],
  });
}

function vitestConfigTs(): string {
  return lines(
    `import { defineConfig } from 'vitest/config';`,
    ``,
    `// The sources only: \`npm run build\` also compiles the tests into dist/. Having a config here`,
    `// also keeps vitest from using one found in a parent folder.`,
    `export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });`,
  );
}

function indexTs(input: PluginTemplateInput): string {
  const header = `x-${baseName(input.name)}`;
  return lines(
    `/**`,
    ` * ${input.name}: an attache plugin that sets a header on every request before it goes upstream.`,
    ` *`,
    ` * \`\`\`yaml`,
    ` * plugins:`,
    ` *   - use: ${input.name}`,
    ` *     options:`,
    ` *       header: ${header}`,
    ` *       value: hello`,
    ` * \`\`\``,
    ` */`,
    `import { definePlugin, z } from '${ATTACHE_NPM_NAME}';`,
    ``,
    `/** The options, checked by attache when it loads the config (a mistake stops the start). */`,
    `// Every field has a default, so the plugin may be listed without \`options:\` (attache then`,
    `// validates {}).`,
    `export const options = z.object({`,
    `  /** The request header to set. */`,
    `  header: z.string().default('${header}'),`,
    `  /** Its value. */`,
    `  value: z.string().default('hello'),`,
    `});`,
    ``,
    `/** The options as written in attache.yaml (all optional: they have defaults). */`,
    `export type Options = z.input<typeof options>;`,
    ``,
    `export default definePlugin({`,
    `  name: '${input.name}',`,
    `  // The attache versions this plugin works with; keep it equal to the peer dependency.`,
    `  attache: '${input.attacheRange}',`,
    `  options,`,
    `  setup({ header, value }, api) {`,
    `    // A header Envoy would refuse (e.g. \`host\`) fails the server start, not every request.`,
    `    api.checkHeader(header, { block: 'request', op: 'set' });`,
    `    return {`,
    `      requestHeaders(ctx) {`,
    `        ctx.mutate.set(header, value);`,
    `      },`,
    `    };`,
    `  },`,
    `});`,
  );
}

function workerIndexTs(input: PluginTemplateInput): string {
  return lines(
    `/**`,
    ` * ${input.name}: an attache plugin that replaces a word in request bodies. Bodies from`,
    ` * \`threshold\` bytes on are rewritten in worker threads, off the main thread; smaller ones`,
    ` * inline, by the same function (src/worker.js).`,
    ` *`,
    ` * \`\`\`yaml`,
    ` * plugins:`,
    ` *   - use: ${input.name}`,
    ` *     options:`,
    ` *       from: foo`,
    ` *       to: bar`,
    ` * \`\`\``,
    ` */`,
    `import { definePlugin, z } from '${ATTACHE_NPM_NAME}';`,
    `import type worker from './worker.js';`,
    ``,
    `/** The options, checked by attache when it loads the config (a mistake stops the start). */`,
    `export const options = z.object({`,
    `  /** The text to replace. */`,
    `  from: z.string().min(1).default('foo'),`,
    `  /** Its replacement. */`,
    `  to: z.string().default('bar'),`,
    `  /** Bodies of at least this many bytes go to the worker pool (absent: attache's default). */`,
    `  threshold: z.number().int().min(0).optional(),`,
    `});`,
    ``,
    `/** The options as written in attache.yaml (all optional: they have defaults). */`,
    `export type Options = z.input<typeof options>;`,
    ``,
    `export default definePlugin({`,
    `  name: '${input.name}',`,
    `  // The attache versions this plugin works with; keep it equal to the peer dependency.`,
    `  attache: '${input.attacheRange}',`,
    `  options,`,
    `  async setup({ from, to, threshold }, api) {`,
    `    // Resolved next to this file; loaded and set up here now, so a broken worker fails the start.`,
    `    const rewrite = await api.workers<typeof worker>({ module: './worker.js', options: { from, to }, threshold });`,
    `    return {`,
    `      async requestBody(ctx) {`,
    `        ctx.mutate.replaceBody(await rewrite.run(ctx.body.bytes(), ctx));`,
    `      },`,
    `    };`,
    `  },`,
    `});`,
  );
}

function workerJs(): string {
  return lines(
    `/**`,
    ` * The body rewrite: runs in worker threads for large bodies and inline for small ones. Plain`,
    ` * JavaScript, which threads load as is; typed by its JSDoc (checkJs). \`setup\` runs once per`,
    ` * thread, \`run\` once per body.`,
    ` */`,
    ``,
    `/** @typedef {{ from: string, to: string }} Options */`,
    ``,
    `export default {`,
    `  /** @param {Options} options */`,
    `  setup: (options) => ({ from: options.from, to: options.to }),`,
    `  /**`,
    `   * @param {Uint8Array} bytes the body (this task's own)`,
    `   * @param {Options} state what setup returned`,
    `   * @returns {Buffer} the new body`,
    `   */`,
    `  run: (bytes, state) => Buffer.from(Buffer.from(bytes).toString('utf8').replaceAll(state.from, state.to)),`,
    `};`,
  );
}

function workerIndexTestTs(): string {
  return lines(
    `import { createProcessor } from '${ATTACHE_NPM_NAME}';`,
    `import { runExchange } from '${ATTACHE_NPM_NAME}/testing';`,
    `import { expect, it } from 'vitest';`,
    `import plugin from './index.js';`,
    ``,
    `const spec = (body: string) => ({`,
    `  envoy: { processingMode: { requestBodyMode: 'BUFFERED' as const }, messageTimeoutMs: 10_000 },`,
    `  request: { method: 'POST', body },`,
    `});`,
    ``,
    `it('rewrites bodies inline and in a worker thread alike', async () => {`,
    `  // threshold 1000: the small body is rewritten inline, the large one in the worker pool.`,
    `  const processor = await createProcessor({`,
    `    plugins: [{ plugin, options: { from: 'foo', to: 'bar', threshold: 1000 } }],`,
    `    // Generous budgets: a busy test machine must not fail a large body.`,
    `    timeoutMs: 5_000,`,
    `    messageTimeoutMs: 6_000,`,
    `  });`,
    `  const small = await runExchange(processor, spec('a foo b'));`,
    `  const large = await runExchange(processor, spec('a foo b '.repeat(1000)));`,
    `  expect(small.upstream?.body.toString()).toBe('a bar b');`,
    `  expect(large.upstream?.body.toString()).toBe('a bar b '.repeat(1000));`,
    `  expect(large.violations).toEqual([]); // nothing Envoy would refuse`,
    `  await processor.close(); // the last plugin using the pool stops it`,
    `});`,
  );
}

function indexTestTs(input: PluginTemplateInput): string {
  const header = `x-${baseName(input.name)}`;
  return lines(
    `import { createProcessor } from '${ATTACHE_NPM_NAME}';`,
    `import { runExchange } from '${ATTACHE_NPM_NAME}/testing';`,
    `import { expect, it } from 'vitest';`,
    `import plugin from './index.js';`,
    ``,
    `it('sets the header on the request the upstream receives', async () => {`,
    `  const processor = await createProcessor({ plugins: [{ plugin, options: { value: 'tested' } }] });`,
    `  // Drives the processor exactly as Envoy's ext_proc filter would, in-process.`,
    `  const result = await runExchange(processor, { request: { path: '/' } });`,
    `  expect(result.upstream?.headers.get('${header}')).toBe('tested');`,
    `  expect(result.violations).toEqual([]); // nothing Envoy would refuse`,
    `  await processor.close();`,
    `});`,
  );
}

function readmeMd(input: PluginTemplateInput): string {
  const header = `x-${baseName(input.name)}`;
  return lines(
    `# ${input.name}`,
    ``,
    `An attache plugin for Envoy's ext_proc: it sets a header on every request before Envoy sends it`,
    `upstream.`,
    ``,
    `## Options`,
    ``,
    `- \`header\`: the request header to set (default \`${header}\`);`,
    `- \`value\`: its value (default \`hello\`).`,
    ``,
    `## Develop`,
    ``,
    '```sh',
    `npm install`,
    `npm test        # src/index.test.ts: the plugin driven as Envoy would drive it (${ATTACHE_NPM_NAME}/testing)`,
    `npm run build   # compiles src/ to dist/, which is what attache loads`,
    '```',
    ``,
    `The plugin is \`src/index.ts\`: \`setup\` runs once at startup, \`requestHeaders\` on every request.`,
    `\`attache\` in \`definePlugin\` and the \`${ATTACHE_NPM_NAME}\` peer dependency say which attache versions`,
    `it works with; keep them equal. (attache is published as \`${ATTACHE_NPM_NAME}\`; the command is \`attache\`.)`,
    ``,
    `## Use it`,
    ``,
    `Install the package next to your \`attache.yaml\` (in the folder of the config file, or one above`,
    `it), by path while you develop it or by name once published. Build it first: attache loads`,
    `\`dist/\`.`,
    ``,
    '```sh',
    `npm install path/to/${baseName(input.name)}   # or: npm install ${input.name}`,
    '```',
    ``,
    `Then \`use:\` finds it by its package name:`,
    ``,
    '```yaml',
    `# attache.yaml`,
    `plugins:`,
    `  - use: ${input.name}`,
    `    options:`,
    `      header: ${header}`,
    `      value: hello`,
    '```',
    ``,
    '```sh',
    `npx -p ${ATTACHE_NPM_NAME} attache dev --config attache.yaml   # try it: a proxy on http://127.0.0.1:8000 and a demo upstream`,
    `curl http://127.0.0.1:8000/                                # the upstream's echo shows ${header}: hello`,
    `npx -p ${ATTACHE_NPM_NAME} attache serve --config attache.yaml # production: the ext_proc server Envoy calls`,
    '```',
  );
}

function workerReadmeMd(input: PluginTemplateInput): string {
  return lines(
    `# ${input.name}`,
    ``,
    `An attache plugin for Envoy's ext_proc: it replaces a word in request bodies. Large bodies are`,
    `rewritten in worker threads (attache's pool), so they do not hold up the other requests; small`,
    `ones inline, by the same function.`,
    ``,
    `## Options`,
    ``,
    `- \`from\`: the text to replace (default \`foo\`); \`to\`: its replacement (default \`bar\`);`,
    `- \`threshold\`: bodies of at least this many bytes go to the worker pool (default: attache's).`,
    ``,
    `## Develop`,
    ``,
    '```sh',
    `npm install`,
    `npm test        # src/index.test.ts: both paths, driven as Envoy would (${ATTACHE_NPM_NAME}/testing)`,
    `npm run build   # compiles src/ to dist/ (worker.js included), which is what attache loads`,
    '```',
    ``,
    `\`src/index.ts\` registers the worker module \`src/worker.js\` (\`api.workers\`): its \`setup\` runs`,
    `once per thread, \`run\` once per body. The worker stays JavaScript because threads load it`,
    `with Node's own \`import\`; JSDoc types it. Use it with \`use: ${input.name}\` in attache.yaml,`,
    `installed next to the config as any plugin package.`,
  );
}

/** The files of a new plugin package. Pure: the same input always gives the same files. */
export function pluginFiles(input: PluginTemplateInput, flavor: PluginFlavor = {}): PluginFiles {
  const common = {
    'package.json': packageJson(input, flavor),
    'tsconfig.json': tsconfigJson(flavor),
    'vitest.config.ts': vitestConfigTs(),
  };
  if (flavor.worker) {
    return {
      ...common,
      'src/index.ts': workerIndexTs(input),
      'src/worker.js': workerJs(),
      'src/index.test.ts': workerIndexTestTs(),
      'README.md': workerReadmeMd(input),
      '.gitignore': lines('node_modules/', 'dist/'),
    };
  }
  return {
    ...common,
    'src/index.ts': indexTs(input),
    'src/index.test.ts': indexTestTs(input),
    'README.md': readmeMd(input),
    '.gitignore': lines('node_modules/', 'dist/'),
  };
}

/**
 * The template input for `name` in `dir`, from the running attache. When attache runs from a
 * source checkout rather than from an installed package, the package's development install links
 * that checkout (`file:`): npm has no attache of this version to give, and the checkout is what
 * the user is trying the plugin with. The peer range stays a plain range either way.
 */
export function templateInput(name: string, dir: string): PluginTemplateInput {
  const { root, manifest } = ATTACHE_PACKAGE;
  const range = attacheRangeFor(ATTACHE_VERSION);
  const installed = root.split(path.sep).includes('node_modules');
  const relative = path.relative(dir, root).split(path.sep).join('/');
  const version = (dep: string): string => {
    const v = manifest.devDependencies?.[dep] ?? manifest.dependencies?.[dep];
    if (v === undefined) throw new Error(`attache: its package.json does not list ${dep}`);
    return v;
  };
  return {
    name,
    attacheRange: range,
    attacheDevSpec: installed ? range : `file:${relative === '' ? '.' : relative}`,
    versions: {
      typescript: version('typescript'),
      vitest: version('vitest'),
      typesNode: version('@types/node'),
    },
    node: manifest.engines?.node ?? '>=20.11',
  };
}

/** Options of {@link scaffoldPlugin}. */
export interface ScaffoldOptions {
  /** The npm package name. */
  readonly name: string;
  /** Target folder; default: the unscoped name, under `cwd`. */
  readonly dir?: string | undefined;
  /** Base for a relative `dir` (default: the process's working directory). */
  readonly cwd?: string | undefined;
  /** Scaffold a body rewrite through a worker module instead of a header plugin. */
  readonly worker?: boolean | undefined;
}

/** What {@link scaffoldPlugin} wrote. */
export interface ScaffoldResult {
  /** Absolute path of the package folder. */
  readonly dir: string;
  /** The files written, relative to `dir`. */
  readonly files: readonly string[];
  /** The template input used (ranges and versions). */
  readonly input: PluginTemplateInput;
}

function fail(message: string): never {
  throw new AttacheError(ErrorCode.CONFIG_INVALID, `new plugin: ${message}`);
}

/**
 * Writes a new plugin package.
 *
 * @throws AttacheError `ATTACHE_ERR_CONFIG_INVALID` when the name is not a valid npm package name
 *   or the target exists and is not an empty folder (nothing is overwritten).
 */
export async function scaffoldPlugin(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const { name } = options;
  const problem = packageNameProblem(name);
  if (problem !== undefined) fail(`"${name}" is not a valid npm package name: ${problem}`);
  const dir = path.resolve(options.cwd ?? process.cwd(), options.dir ?? baseName(name));
  const existing = await stat(dir).catch(() => undefined);
  if (existing !== undefined) {
    if (!existing.isDirectory()) fail(`${dir} exists and is not a folder`);
    if ((await readdir(dir)).length > 0) fail(`${dir} is not empty; choose another --dir`);
  }
  const input = templateInput(name, dir);
  const files = pluginFiles(input, { worker: options.worker === true });
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    // `wx`: never overwrite, even if something appeared in the folder since the check above.
    await writeFile(target, content, { flag: 'wx' });
  }
  return { dir, files: Object.keys(files), input };
}

/** Where to `cd`: relative when below the working directory, absolute otherwise. */
function shown(dir: string, cwd: string): string {
  const rel = path.relative(cwd, dir);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : dir;
}

/** Runs `attache new plugin <name> [--dir <path>]` (the arguments after `plugin`); returns the exit code. */
export async function newPlugin(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommand(NEW_PLUGIN, argv);
  const [name, ...extra] = positionals;
  if (name === undefined) fail(`a package name is required: ${USAGE_LINE}`);
  if (extra.length > 0) fail(`unexpected argument "${extra[0]}": ${USAGE_LINE}`);
  const cwd = process.cwd();
  const worker = values.worker === true;
  const result = await scaffoldPlugin({ name, dir: stringValue(values, 'dir'), cwd, worker });
  const where = shown(result.dir, cwd);
  const header = `x-${baseName(result.input.name)}`;
  process.stdout.write(
    lines(
      `Created plugin package ${result.input.name} in ${where}:`,
      ...result.files.map((f) => `  ${f}`),
      ``,
      `Next steps:`,
      `  cd ${where}`,
      `  npm install`,
      `  npm test`,
      `  npm run build`,
      ``,
      `Then, in the folder of your attache.yaml:`,
      `  npm install ${result.dir}`,
      `and add it to attache.yaml:`,
      `  plugins:`,
      `    - use: ${result.input.name}`,
      `      options:`,
      ...(worker
        ? [`        from: foo   # replaced by "to" in request bodies`, `        to: bar`]
        : [`        value: hello   # sets ${header}: hello on every request`]),
      `Try it with: npx -p ${ATTACHE_NPM_NAME} attache dev --config attache.yaml`,
      ...(result.input.attacheDevSpec.startsWith('file:')
        ? [
            ``,
            `Note: attache runs from a source checkout, so the package's devDependency links it`,
            `(${result.input.attacheDevSpec}); build the checkout (npm run build) before npm install.`,
          ]
        : []),
    ),
  );
  return 0;
}
