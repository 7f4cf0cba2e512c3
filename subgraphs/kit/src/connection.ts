/**
 * Relay-style connections with keyset cursors, bounded as DESIGN.md asks (`first` ≤ 200).
 *
 * Cursors are opaque and carry no personal data (DOMAIN.md rule 5, issue 9): a keyset value such as a
 * normalized full name or a birth date would otherwise reach any client that reads `endCursor`, even for
 * a depersonalized card. The keyset value is therefore sealed with AES-256-GCM under a server key:
 * `c1.<base64url(iv ‖ ciphertext ‖ tag)>`. Nobody without the key can read it, and a forged or garbled
 * cursor fails authentication and is refused with `BAD_USER_INPUT`, like any other bad input.
 * The key is derived (HKDF-SHA256) from `CURSOR_SECRET`, which every subgraph process reads from its env
 * (`subgraphMain`); replicas of a service share it so a cursor survives a change of replica. A process
 * that was not configured (a unit test building one subgraph) seals with a random key of its own.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { badInput } from './errors.ts';

export const MAX_PAGE = 200;

const PREFIX = 'c1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Ties a sealed value to its use: the same key sealing something else cannot produce a valid cursor. */
const AAD = Buffer.from('region-cursor-v1');

let cursorKey: Buffer | null = null;

/** Derives the cursor key from the process's secret (`CURSOR_SECRET`), once at start. */
export function configureCursorSecret(secret: string): void {
  if (secret.length < 32) throw new Error('CURSOR_SECRET must be at least 32 characters');
  cursorKey = Buffer.from(hkdfSync('sha256', secret, 'region-platform', 'connection-cursor', 32));
}

function key(): Buffer {
  cursorKey ??= randomBytes(32);
  return cursorKey;
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
    throw badInput(`Размер страницы должен быть от 1 до ${MAX_PAGE}.`, 'first');
  }
  return size;
}

export function encodeCursor(value: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  cipher.setAAD(AAD);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

function unseal(cursor: string): unknown {
  if (!cursor.startsWith(PREFIX)) throw new Error('unknown cursor format');
  const bytes = Buffer.from(cursor.slice(PREFIX.length), 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) throw new Error('cursor too short');
  const decipher = createDecipheriv('aes-256-gcm', key(), bytes.subarray(0, IV_BYTES));
  decipher.setAAD(AAD);
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}

export function decodeCursor<T>(cursor: string | null | undefined, valid: (value: unknown) => value is T): T | null {
  if (!cursor) return null;
  try {
    const value = unseal(cursor);
    if (valid(value)) return value;
  } catch {
    // a cursor this server did not seal, or one that was tampered with: answered below
  }
  throw badInput('Неверный курсор страницы: начните список сначала.', 'after');
}

export function connection<R>(rows: readonly R[], first: number, cursorOf: (row: R) => string) {
  const page = rows.slice(0, first);
  return {
    edges: page.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? cursorOf(page[page.length - 1]!) : null },
  };
}
