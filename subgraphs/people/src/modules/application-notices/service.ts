/**
 * Application notices from admissions (issue 15 §1): a status change of an application becomes a notification
 * for its applicant, and an e-mail copy if they chose e-mail. One transaction; the notice's key is recorded
 * first, so a retried delivery writes nothing.
 */
import { badInput, forbidden, regionDate } from '@region/kit';
import type { Database } from '@region/db';
import {
  APPLICATION_KINDS,
  APPLICATION_STATUS_NAMES,
  type ApplicationKind,
  type ApplicationStatus,
} from '@region/schema/enums';
import type { PeoplePolicy } from '../../policy.ts';
import { organizationNotifiable } from '../journal-notices/repository.ts';
import { insertNotifications } from '../messages/repository.ts';
import { enqueueEmailCopies, firstReceipt } from '../notifications/repository.ts';
import { applicantRecipient } from './repository.ts';

export interface ApplicationNoticeInput {
  key: string;
  applicationId: string;
  organizationId: string;
  applicantId: string;
  childId?: string | null;
  applicationKind: string;
  year: number;
  epguNumber?: string | null;
  status: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** As the guardian's cabinet names the kinds of application. */
const KIND_NAMES: Readonly<Record<ApplicationKind, string>> = {
  FIRST_GRADE: 'в 1 класс',
  TENTH_GRADE: 'в 10 класс',
  TRANSFER: 'о переводе в другую школу',
  KINDERGARTEN: 'в детский сад',
  CAMP: 'в летний лагерь',
  COLLEGE: 'в колледж',
};

const isStatus = (status: string): status is ApplicationStatus => Object.hasOwn(APPLICATION_STATUS_NAMES, status);
const isKind = (kind: string): kind is ApplicationKind => (APPLICATION_KINDS as readonly string[]).includes(kind);

/**
 * «Заявление № 123: статус «Направлен в ОО»» — by its ЕПГУ number when it has one, else by its kind and school
 * year (an application filed in the cabinet has no number the applicant has seen); the status in the words the
 * cabinet shows. A guardian's copy starts with the child's first name, as journal notices do.
 */
export function applicationNoticeTitle(input: ApplicationNoticeInput, childFirstName: string | null): string {
  const which = input.epguNumber
    ? `Заявление № ${input.epguNumber}`
    : `Заявление ${KIND_NAMES[input.applicationKind as ApplicationKind]} на ${input.year}/${String((input.year + 1) % 100).padStart(2, '0')} уч. год`;
  const text = `${which}: статус «${APPLICATION_STATUS_NAMES[input.status as ApplicationStatus]}»`;
  return childFirstName ? `${childFirstName}: ${text}` : text;
}

function validate(input: ApplicationNoticeInput): void {
  if (!input.key.trim() || input.key.length > 200) throw badInput('Неверный ключ сообщения.', 'input.key');
  for (const field of ['applicationId', 'organizationId', 'applicantId'] as const)
    if (!UUID.test(input[field])) throw badInput('Неверный идентификатор.', `input.${field}`);
  if (input.childId != null && !UUID.test(input.childId)) throw badInput('Неверный идентификатор.', 'input.childId');
  if (!isKind(input.applicationKind)) throw badInput('Неверный вид заявления.', 'input.applicationKind');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw badInput('Неверный год кампании.', 'input.year');
  if (input.epguNumber != null && (!input.epguNumber.trim() || input.epguNumber.length > 100))
    throw badInput('Неверный номер заявления.', 'input.epguNumber');
  if (!isStatus(input.status)) throw badInput('Неверный статус заявления.', 'input.status');
}

/** Writes the notice's notification and e-mail copy; the number of notifications written (0 or 1). */
export async function recordApplicationNotice(
  db: Database,
  policy: PeoplePolicy,
  now: Date,
  input: ApplicationNoticeInput,
): Promise<number> {
  // Only admissions' worker tells people of decisions: a person holding the scope by mistake must not be able
  // to send notifications in a school's name.
  if (policy.principal.kind !== 'SERVICE') throw forbidden('Уведомления о заявлениях присылает только подграф приёма.');
  validate(input);
  return db.transaction(async (tx) => {
    if (!(await organizationNotifiable(tx, policy, input.organizationId)))
      throw forbidden('Нет доступа к этой организации.');
    if (!(await firstReceipt(tx, input.key))) return 0;
    const recipient = await applicantRecipient(tx, { applicantId: input.applicantId, childId: input.childId ?? null });
    if (!recipient) return 0;
    const title = applicationNoticeTitle(input, recipient.childFirstName);
    if (recipient.inApp) {
      await insertNotifications(tx, [
        {
          personId: recipient.personId,
          kind: 'APPLICATION',
          title,
          ...(input.childId ? { aboutPersonId: input.childId } : {}),
          visibleFrom: regionDate(now),
        },
      ]);
    }
    await enqueueEmailCopies(tx, [
      {
        personId: recipient.personId,
        kind: 'APPLICATION',
        subject: title,
        text: `${title}\n\nПодробности — в разделе «Заявления» личного кабинета. Какие уведомления приходят на почту, можно выбрать в кабинете: колокольчик → «Какие уведомления получать».`,
      },
    ]);
    return recipient.inApp ? 1 : 0;
  });
}
