/**
 * Sending one e-mail copy to the SMTP relay with nodemailer (a real relay in production, dev ESIA's stand-in in
 * development: docs/deploy.md). The message's outbox id goes out as its Message-ID, so a relay or a mailbox
 * that sees a retried letter can tell it is the same one. A refusal of the recipient (a 5xx answer) is
 * permanent; a connection failure or a 4xx answer is retried by the outbox worker.
 */
import { DeliveryError, type Deliver, type OutboxMessage } from '@region/kit';
import { createTransport } from 'nodemailer';
import type { EmailPayload } from './table.ts';

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the relay offers it. */
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
  timeoutMs: number;
}

export function smtpDeliverer(options: SmtpOptions): Deliver & { close(): void } {
  const transport = createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    ...(options.user ? { auth: { user: options.user, pass: options.password ?? '' } } : {}),
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  const domain = options.from.replace(/^.*@/, '').replace(/>.*$/, '') || 'localhost';
  const deliver = async (message: OutboxMessage) => {
    const payload = message.payload as EmailPayload;
    try {
      await transport.sendMail({
        from: options.from,
        to: payload.to,
        subject: payload.subject,
        text: payload.text,
        messageId: `<email-outbox-${message.id}@${domain}>`,
        headers: { 'X-Notification-Kind': payload.kind },
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      throw new DeliveryError(`SMTP: ${error instanceof Error ? error.message : String(error)}`, {
        permanent: code !== undefined && code >= 500,
        cause: error,
      });
    }
  };
  return Object.assign(deliver, { close: () => transport.close() });
}
