/**
 * Short-lived signed file URLs (issue 15 §2). A browser downloads with a plain link and uploads with a plain
 * `PUT`, neither of which carries the ESIA bearer token, so the subgraph that decided access (in a GraphQL
 * field or mutation, with the principal's row scope) hands out a URL whose token says exactly what it allows:
 * one file to read, or one upload of a declared name and size to one place, by one person, for a few minutes.
 * HS256 with a secret only that subgraph's replicas hold (`FILES_URL_SECRET`): nobody else can mint one.
 */
import { jwtVerify, SignJWT, errors } from 'jose';

const ISSUER = 'region-files';

export interface DownloadTicket {
  purpose: 'download';
  fileId: string;
  /** Who the URL was issued to, for the log. */
  personId: string;
}

export interface UploadTicket {
  purpose: 'upload';
  personId: string;
  /** What the upload is for: a subgraph's own fields (a lesson, a kind), checked again when it lands. */
  target: Record<string, string | number>;
  fileName: string;
  size: number;
}

export type FileTicket = DownloadTicket | UploadTicket;

export class TicketRefused extends Error {
  constructor(readonly reason: 'EXPIRED' | 'INVALID') {
    super(reason === 'EXPIRED' ? 'Ссылка устарела: откройте страницу заново.' : 'Ссылка недействительна.');
  }
}

export interface FileTicketSigner {
  sign(ticket: FileTicket, ttlSeconds: number, now?: Date): Promise<{ token: string; expiresAt: Date }>;
  verify<P extends FileTicket['purpose']>(
    token: string,
    purpose: P,
    now?: Date,
  ): Promise<Extract<FileTicket, { purpose: P }>>;
}

export function fileTicketSigner(secret: Uint8Array): FileTicketSigner {
  if (secret.length < 32) throw new Error('the file URL secret must be at least 32 bytes');
  return {
    async sign(ticket, ttlSeconds, now = new Date()) {
      const issuedAt = Math.floor(now.getTime() / 1000);
      const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
      const token = await new SignJWT({ ...ticket })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setAudience(ticket.purpose)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(secret);
      return { token, expiresAt };
    },
    async verify(token, purpose, now = new Date()) {
      try {
        const { payload } = await jwtVerify(token, secret, {
          issuer: ISSUER,
          audience: purpose,
          algorithms: ['HS256'],
          currentDate: now,
        });
        if (payload['purpose'] !== purpose) throw new TicketRefused('INVALID');
        return payload as unknown as Extract<FileTicket, { purpose: typeof purpose }>;
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new TicketRefused('EXPIRED');
        if (error instanceof TicketRefused) throw error;
        throw new TicketRefused('INVALID');
      }
    },
  };
}
