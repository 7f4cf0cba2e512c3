/** Test networking helpers: every test server and cluster listens on loopback, on a port the OS picks. */
import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on right now: for a server a test starts (a cluster, a child process), or
 * for a connection that must be refused.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
