/** Notifications people raises itself (issue 15 §1): a child's consent request to its guardians (rule 3). */
import { regionDate } from '@region/kit';
import type { Executor } from '@region/db';
import { insertNotifications } from '../messages/repository.ts';
import { consentRequestRecipients, enqueueEmailCopies } from './repository.ts';

/** In the login's transaction: each guardian who may be told gets the bell item and, if chosen, an e-mail. */
export async function notifyConsentRequest(tx: Executor, childId: string, now: Date): Promise<void> {
  const recipients = await consentRequestRecipients(tx, childId);
  const title = (name: string) => `${name} просит согласия на вход в кабинет через Госуслуги`;
  await insertNotifications(
    tx,
    recipients
      .filter((recipient) => recipient.inApp)
      .map((recipient) => ({
        personId: recipient.personId,
        kind: 'CONSENT_REQUEST' as const,
        title: title(recipient.childFirstName),
        aboutPersonId: childId,
        visibleFrom: regionDate(now),
      })),
  );
  await enqueueEmailCopies(
    tx,
    recipients.map((recipient) => ({
      personId: recipient.personId,
      kind: 'CONSENT_REQUEST' as const,
      subject: title(recipient.childFirstName),
      text: `${title(recipient.childFirstName)}.\n\nДать согласие можно в личном кабинете, раздел «Согласия».`,
    })),
  );
}
