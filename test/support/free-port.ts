/**
 * A loopback TCP port free at the time of the call, for a process the test starts on a fixed
 * port (Envoy, `attache serve`): the port is bound once and released.
 */
import { type AddressInfo, createServer as createNetServer } from 'node:net';

/** A port on 127.0.0.1 that nothing listened on a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
