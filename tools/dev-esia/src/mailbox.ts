/**
 * The development stand-in for the region's SMTP relay (issue 15 §1): an SMTP server (the `smtp-server`
 * package) in dev ESIA's process that keeps the letters it receives in memory, newest last, and shows them at
 * `GET /dev/mailbox` (a Russian page) and `GET /dev/mailbox.json` (for tests). It accepts any sender and
 * recipient without authentication and without TLS, so it listens on loopback only, like dev ESIA itself.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients (`RCPT TO`). */
  to: string[];
  from: string;
  subject: string;
  text: string;
  messageId: string | null;
  /** `X-Notification-Kind`, when the platform sent it. */
  kind: string | null;
  receivedAt: string;
}

export interface DevMailbox {
  /** Listen with `smtp.listen(port, host)`; close with `smtp.close()`. */
  smtp: SMTPServer;
  /** The letters received so far (at most the last 500), oldest first. */
  received(): readonly ReceivedMail[];
}

const KEEP = 500;
const MAX_SIZE = 1024 * 1024;

export function createDevMailbox(now: () => Date = () => new Date()): DevMailbox {
  const letters: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    banner: 'dev ESIA: почтовый ящик разработки',
    size: MAX_SIZE,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const header = parsed.headers.get('x-notification-kind');
          letters.push({
            to: session.envelope.rcptTo.map((address) => address.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId ?? null,
            kind: typeof header === 'string' ? header : null,
            receivedAt: now().toISOString(),
          });
          if (letters.length > KEEP) letters.splice(0, letters.length - KEEP);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  return { smtp, received: () => letters };
}
