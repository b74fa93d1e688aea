/** `attache serve`'s log output: `log.format`, and no third-party line beside attache's own. */

import type { AddressInfo } from 'node:net';
import { createServer as createNetServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { writeConfig } from '../../test/support/config-files.js';
import { type ServeProcess, startServe } from '../../test/support/serve-process.js';

const started: ServeProcess[] = [];
afterEach(async () => {
  for (const p of started.splice(0)) {
    p.child.kill('SIGKILL');
    await p.exit;
  }
});

function serve(config: string): ServeProcess {
  const p = startServe(['--processes', '1', '--config', config, '--admin-address', '127.0.0.1:0']);
  started.push(p);
  return p;
}

const PLUGINS = 'plugins:\n  - use: headers\n    options: { request: { set: { x-a: "1" } } }\n';

describe('log.format', () => {
  it('pretty: human-readable lines (level, name, message, then the fields)', async () => {
    const config = await writeConfig(
      'a.yaml',
      `grpc:\n  address: 127.0.0.1:0\nlog:\n  format: pretty\n${PLUGINS}`,
    );
    const p = serve(config);
    await p.waitFor(
      (l) => /INFO.*\(attache\): attache listening/.test(String(l.text)),
      'the pretty listening line',
    );
    // No JSON log object among them.
    expect(p.lines.filter((l) => l.level !== undefined)).toEqual([]);
  });

  it('auto, with stderr not a terminal (a container, a pipe): JSON lines', async () => {
    const config = await writeConfig('a.yaml', `grpc:\n  address: 127.0.0.1:0\n${PLUGINS}`);
    const p = serve(config);
    const line = await p.waitFor((l) => l.msg === 'attache listening', 'the JSON listening line');
    expect(line).toMatchObject({ level: 30, name: 'attache', transport: 'http2' });
  });

  it('rejects a format it does not know, naming the field', async () => {
    const config = await writeConfig('a.yaml', `log:\n  format: xml\n${PLUGINS}`);
    const p = serve(config);
    expect(await p.exit).toBe(1);
    expect(p.text()).toContain(`${config}: log.format:`);
  });
});

describe('a failed listen', () => {
  let blocker: Server | undefined;
  afterEach(() => blocker?.close());

  it.each(['grpc-js', 'http2', 'wire'])(
    'on %s: attache says why, and no third-party line is printed beside it',
    async (transport) => {
      blocker = createNetServer().listen(0, '127.0.0.1');
      await new Promise((r) => blocker?.once('listening', r));
      const { port } = blocker.address() as AddressInfo;
      const config = await writeConfig(
        'a.yaml',
        `grpc:\n  address: 127.0.0.1:${port}\n  transport: ${transport}\n${PLUGINS}`,
      );
      const p = serve(config);
      expect(await p.exit).toBe(1);
      const text = p.lines.filter((l) => l.text !== undefined).map((l) => String(l.text));
      expect(text.join('\n')).toContain(`attache: cannot listen on 127.0.0.1:${port}:`);
      expect(text.join('\n')).toContain('EADDRINUSE');
      // Everything else is attache's own JSON log.
      expect(text.filter((t) => !t.startsWith('attache: cannot listen'))).toEqual([]);
    },
  );
});
