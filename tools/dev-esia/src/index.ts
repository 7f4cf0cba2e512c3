/** Starts the development ESIA on DEV_ESIA_PORT (DESIGN.md: port 4010, never in production). */
import type { Server } from 'node:http';
import { createDevEsia } from './app.ts';
import { parseEnv } from './env.ts';
import { generateSigningKeys } from './keys.ts';
import { DEFAULT_TTL_SECONDS } from './tokens.ts';

const SHUTDOWN_GRACE_MS = 5000;

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const keys = await generateSigningKeys();
  const { server, mailbox } = createDevEsia({
    issuer: env.issuer,
    audience: env.audience,
    publicUrl: env.issuer,
    ttlSeconds: DEFAULT_TTL_SECONDS,
    keys,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.port, env.host, resolve);
  });
  await new Promise<void>((resolve, reject) => {
    mailbox.smtp.server.once('error', reject);
    mailbox.smtp.listen(env.smtpPort, env.host, () => resolve());
  });
  console.log(`dev-esia: listening on ${env.host}:${env.port}; issuer ${env.issuer}, audience ${env.audience}`);
  console.log(`dev-esia: SMTP stand-in on ${env.host}:${env.smtpPort}, letters at ${env.issuer}/dev/mailbox`);
  console.log(`dev-esia: login page ${env.issuer}/login?redirect_uri=…, JWKS ${env.issuer}/.well-known/jwks.json`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      mailbox.smtp.close();
      shutdown(server, signal);
    });
}

function shutdown(server: Server, signal: string): void {
  console.log(`dev-esia: ${signal} received, closing`);
  // A browser keeps idle keep-alive sockets open; without this `close` would wait for them.
  server.closeIdleConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
