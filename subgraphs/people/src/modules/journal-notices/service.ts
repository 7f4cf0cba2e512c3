/**
 * Journal notices from learning (issue 15 §1; DOMAIN.md rule 25): a mark, an absence or homework becomes a
 * notification for the learner and each guardian who may be told, and an e-mail copy for those who chose
 * e-mail. One transaction; a notice's key is recorded first, so a retried delivery writes nothing.
 */
import { badInput, forbidden, regionDate } from '@region/kit';
import type { Database } from '@region/db';
import type { PeoplePolicy } from '../../policy.ts';
import { insertNotifications } from '../messages/repository.ts';
import { enqueueEmailCopies, firstReceipt } from '../notifications/repository.ts';
import { noticeRecipients, organizationNotifiable } from './repository.ts';

export type JournalNoticeKind = 'MARK' | 'ABSENCE' | 'HOMEWORK';

export interface JournalNoticeInput {
  key: string;
  kind: JournalNoticeKind;
  organizationId: string;
  classId: string;
  subject: string;
  date: string;
  studentId?: string | null;
  lessonId?: string | null;
  markValue?: string | null;
  markKind?: string | null;
  corrected?: boolean | null;
  attendanceStatus?: string | null;
  dueOn?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const MARK_VALUES: Readonly<Record<string, string>> = {
  '2': '2',
  '3': '3',
  '4': '4',
  '5': '5',
  PASS: '«зачёт»',
  FAIL: '«незачёт»',
  NA: '«н/а» (не аттестован)',
};
const MARK_KINDS: Readonly<Record<string, string>> = {
  CURRENT: 'отметка',
  CONTROL: 'отметка за контрольную работу',
  PERIOD: 'отметка за период',
  YEAR: 'годовая отметка',
  FINAL: 'итоговая отметка',
};
const ATTENDANCE: Readonly<Record<string, string>> = {
  ABSENT: 'Пропуск урока',
  SICK: 'Пропуск урока по болезни',
  EXCUSED: 'Пропуск урока по уважительной причине',
  LATE: 'Опоздание на урок',
};

/** dd.mm.yyyy, as a school writes a date. */
const russianDate = (date: string) => date.split('-').reverse().join('.');

/**
 * The notification's text: the subject, the date and the mark or absence — nothing about other learners (a
 * class average, who else got what). A guardian's copy starts with the child's first name (`forChild`).
 */
export function journalNoticeTitle(input: JournalNoticeInput, forChild: string | null): string {
  const where = `«${input.subject}», ${russianDate(input.date)}`;
  let text: string;
  switch (input.kind) {
    case 'MARK': {
      const what = MARK_KINDS[input.markKind ?? 'CURRENT']!;
      const value = MARK_VALUES[input.markValue ?? '']!;
      text = input.corrected
        ? `${what[0]!.toUpperCase()}${what.slice(1)} исправлена на ${value}: ${where}`
        : `${what === 'отметка' ? 'Новая отметка' : `${what[0]!.toUpperCase()}${what.slice(1)}`} ${value}: ${where}`;
      break;
    }
    case 'ABSENCE':
      text = `${ATTENDANCE[input.attendanceStatus ?? '']!}: ${where}`;
      break;
    case 'HOMEWORK':
      text = `Домашнее задание: ${where}${input.dueOn ? `, сдать до ${russianDate(input.dueOn)}` : ''}`;
      break;
  }
  return forChild ? `${forChild}: ${text}` : text;
}

function validate(input: JournalNoticeInput): void {
  if (!input.key.trim() || input.key.length > 200) throw badInput('Неверный ключ сообщения.', 'input.key');
  for (const field of ['organizationId', 'classId'] as const)
    if (!UUID.test(input[field])) throw badInput('Неверный идентификатор.', `input.${field}`);
  if (!input.subject.trim() || input.subject.length > 200)
    throw badInput('Неверное название предмета.', 'input.subject');
  if (!DATE.test(String(input.date))) throw badInput('Дата в виде ГГГГ-ММ-ДД.', 'input.date');
  if (input.kind === 'HOMEWORK') {
    if (!input.lessonId || !UUID.test(input.lessonId)) throw badInput('Укажите урок.', 'input.lessonId');
    if (input.dueOn != null && !DATE.test(String(input.dueOn)))
      throw badInput('Дата в виде ГГГГ-ММ-ДД.', 'input.dueOn');
    return;
  }
  if (!input.studentId || !UUID.test(input.studentId)) throw badInput('Укажите обучающегося.', 'input.studentId');
  if (input.kind === 'MARK') {
    if (!MARK_VALUES[input.markValue ?? '']) throw badInput('Неверная отметка.', 'input.markValue');
    if (!MARK_KINDS[input.markKind ?? 'CURRENT']) throw badInput('Неверный вид отметки.', 'input.markKind');
  } else if (!ATTENDANCE[input.attendanceStatus ?? '']) {
    throw badInput('Неверная отметка посещаемости.', 'input.attendanceStatus');
  }
}

/** Writes the notice's notifications and e-mail copies; the number of notifications written. */
export async function recordJournalNotice(
  db: Database,
  policy: PeoplePolicy,
  now: Date,
  input: JournalNoticeInput,
): Promise<number> {
  // Only learning's worker tells people of the journal: a person holding the scope by mistake must not be able
  // to send notifications in a school's name.
  if (policy.principal.kind !== 'SERVICE') throw forbidden('Уведомления о журнале присылает только подграф обучения.');
  validate(input);
  return db.transaction(async (tx) => {
    if (!(await organizationNotifiable(tx, policy, input.organizationId)))
      throw forbidden('Нет доступа к этой организации.');
    if (!(await firstReceipt(tx, input.key))) return 0;
    const recipients = await noticeRecipients(
      tx,
      { organizationId: input.organizationId, classId: input.classId, studentId: input.studentId ?? null },
      input.kind,
    );
    const titled = recipients.map((recipient) => ({
      ...recipient,
      title: journalNoticeTitle(input, recipient.personId === recipient.learnerId ? null : recipient.learnerFirstName),
    }));
    const shown = titled.filter((recipient) => recipient.inApp);
    await insertNotifications(
      tx,
      shown.map((recipient) => ({
        personId: recipient.personId,
        kind: input.kind,
        title: recipient.title,
        aboutPersonId: recipient.learnerId,
        visibleFrom: regionDate(now),
      })),
    );
    await enqueueEmailCopies(
      tx,
      titled.map((recipient) => ({
        personId: recipient.personId,
        kind: input.kind,
        subject: recipient.title,
        text: `${recipient.title}\n\nПодробности — в дневнике в личном кабинете. Какие уведомления приходят на почту, можно выбрать в кабинете: колокольчик → «Какие уведомления получать».`,
      })),
    );
    return shown.length;
  });
}
