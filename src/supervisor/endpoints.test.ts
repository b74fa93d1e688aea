/** The endpoint of each process of `attache serve --processes N`, and the endpoints file. */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { endpointAddresses, writeEndpointsFile } from './endpoints.js';

const WHERE = 'attache.yaml: grpc.address';

describe('endpointAddresses', () => {
  it('gives host:port the ports port, port+1, … on the same host', () => {
    expect(endpointAddresses('127.0.0.1:50051', 3, WHERE)).toEqual([
      '127.0.0.1:50051',
      '127.0.0.1:50052',
      '127.0.0.1:50053',
    ]);
    expect(endpointAddresses('0.0.0.0:9000', 1, WHERE)).toEqual(['0.0.0.0:9000']);
    expect(endpointAddresses('[::1]:7000', 2, WHERE)).toEqual(['[::1]:7000', '[::1]:7001']);
    expect(endpointAddresses('localhost:65534', 2, WHERE)).toEqual(['localhost:65534', 'localhost:65535']);
  });

  it('keeps port 0 for every process (each picks a free port)', () => {
    expect(endpointAddresses('127.0.0.1:0', 2, WHERE)).toEqual(['127.0.0.1:0', '127.0.0.1:0']);
  });

  it('gives a unix: socket the paths path.0, path.1, … in either spelling', () => {
    expect(endpointAddresses('unix:/run/attache/ext-proc.sock', 2, WHERE)).toEqual([
      'unix:/run/attache/ext-proc.sock.0',
      'unix:/run/attache/ext-proc.sock.1',
    ]);
    expect(endpointAddresses('unix:///run/ext.sock', 2, WHERE)).toEqual([
      'unix:/run/ext.sock.0',
      'unix:/run/ext.sock.1',
    ]);
  });

  it('refuses ports past 65535, naming the setting and the range', () => {
    expect(() => endpointAddresses('127.0.0.1:65535', 2, WHERE)).toThrow(
      'attache.yaml: grpc.address: 2 processes need the ports 65535-65536, past 65535; use a lower port or fewer processes',
    );
  });

  it('refuses an address it cannot name endpoints for', () => {
    expect(() => endpointAddresses('nohost', 2, '--address')).toThrow(
      '--address: expected host:port (e.g. 127.0.0.1:50051 or [::1]:50051) or unix:/path/to.sock, got "nohost"',
    );
    expect(() => endpointAddresses('127.0.0.1:70000', 2, WHERE)).toThrow('port 70000 is out of range');
    expect(() => endpointAddresses('unix:', 2, WHERE)).toThrow(
      `${WHERE}: expected a socket path after unix:`,
    );
    expect(() => endpointAddresses('unix:/run/', 2, WHERE)).toThrow('names no socket file');
    expect(() => endpointAddresses('127.0.0.1:1', 0, WHERE)).toThrow('positive integer');
  });
});

describe('writeEndpointsFile', () => {
  it('writes the JSON list, replacing an earlier file, with no temporary file left', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'attache-endpoints-'));
    const file = path.join(dir, 'endpoints.json');
    await writeEndpointsFile(file, 'http2', [{ worker: 0, address: '127.0.0.1:1' }]);
    await writeEndpointsFile(file, 'http2', [
      { worker: 0, address: '127.0.0.1:2' },
      { worker: 1, address: '127.0.0.1:3' },
    ]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      version: 1,
      transport: 'http2',
      endpoints: [
        { worker: 0, address: '127.0.0.1:2' },
        { worker: 1, address: '127.0.0.1:3' },
      ],
    });
    expect(await readdir(dir)).toEqual(['endpoints.json']);
  });

  it('fails naming the option and the file when it cannot write', async () => {
    await expect(writeEndpointsFile('/nonexistent-dir/e.json', 'http2', [])).rejects.toThrow(
      /^--endpoints-file: cannot write \/nonexistent-dir\/e\.json: ENOENT/,
    );
  });
});
