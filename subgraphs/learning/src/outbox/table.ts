/**
 * Learning's outbox to people (`learning.people_outbox`, the kit's outbox): journal notices — a new or
 * corrected mark, an absence, new homework — that people turns into notifications for the learner and their
 * guardians (issue 15 §1; DOMAIN.md rule 25). One event, `JOURNAL_NOTICE`, delivered by one worker.
 */
import { learningTables } from '@region/db';
import { outboxTable } from '@region/kit';

export const peopleOutbox = outboxTable(learningTables.peopleOutbox, learningTables.peopleOutbox.aboutId);

export const PEOPLE_OUTBOX_EVENTS = ['JOURNAL_NOTICE'] as const;

/** What people's `recordJournalNotice` is told, besides the idempotency key (the outbox message's id). */
export type JournalNotice = {
  organizationId: string;
  classId: string;
  /** The subject's name, as the diary prints it. */
  subject: string;
  /** The lesson's date (a period mark: the period's last day). */
  date: string;
} & (
  | {
      kind: 'MARK';
      studentId: string;
      markValue: '2' | '3' | '4' | '5' | 'PASS' | 'FAIL' | 'NA';
      markKind: 'CURRENT' | 'CONTROL' | 'PERIOD' | 'YEAR' | 'FINAL';
      corrected: boolean;
    }
  | { kind: 'ABSENCE'; studentId: string; attendanceStatus: 'ABSENT' | 'SICK' | 'EXCUSED' | 'LATE' }
  | { kind: 'HOMEWORK'; lessonId: string; dueOn: string | null }
);
