/**
 * Writes of the bell schedule (a school admin over their organization) and of advance absence notices (a
 * guardian for their own child), each in one transaction.
 */
import { badInput, forbidden, notFound } from '@region/kit';
import type { Database } from '@region/db';
import type { LearningPolicy } from '../../policy.ts';
import { schoolYearOf } from '../../calendar.ts';
import {
  classById,
  insertNotice,
  membershipOn,
  noticeById,
  replaceShiftBells,
  setShiftOfClass,
  withdrawNotice,
} from './repository.ts';
import { checkBells, checkNotice, checkShift, checkWithinYear, type BellInput, type NoticeDates } from './rules.ts';

function assertAdminOf(policy: LearningPolicy, organizationId: string): string {
  const organizations = policy.organizationsWith('school-year:manage');
  if (!policy.personId || (organizations !== 'ALL' && !organizations.includes(organizationId)))
    throw forbidden('Расписание звонков и смены классов меняет администрация своей школы.');
  return policy.personId;
}

export async function setBells(
  db: Database,
  policy: LearningPolicy,
  input: { organizationId: string; shift: number; bells: readonly BellInput[] },
) {
  const actor = assertAdminOf(policy, input.organizationId);
  checkShift(input.shift);
  const bells = checkBells(input.bells);
  await db.transaction((tx) => replaceShiftBells(tx, input.organizationId, input.shift, bells, actor));
}

export async function setClassShift(db: Database, policy: LearningPolicy, classId: string, shift: number) {
  const row = await classById(db, classId);
  if (!row) throw notFound('Класс');
  assertAdminOf(policy, row.organizationId);
  checkShift(shift);
  return db.transaction((tx) => setShiftOfClass(tx, classId, shift));
}

/**
 * A guardian's own child: the GUARDIAN grant's children. Only a parent tells the school in advance — not the
 * learner, not staff (they record attendance in the journal), and not a guardian of another child.
 */
function assertGuardianOf(policy: LearningPolicy, studentId: string): string {
  const guardian = policy
    .grantsWith('journal:read')
    .some(
      (grant) =>
        grant.role === 'GUARDIAN' &&
        grant.territory.kind === 'CHILDREN' &&
        grant.territory.personIds.includes(studentId),
    );
  if (!guardian || !policy.personId)
    throw forbidden('Предупредить школу о пропуске может только законный представитель этого ребёнка.');
  return policy.personId;
}

export async function notifyAbsence(
  db: Database,
  policy: LearningPolicy,
  input: NoticeDates & { studentId: string },
  today: string,
) {
  const guardianId = assertGuardianOf(policy, input.studentId);
  const dates = checkNotice(input, today);
  const year = schoolYearOf(dates.from);
  const membership = await membershipOn(db, input.studentId, dates.from, year);
  if (!membership) throw badInput('На эту дату ребёнок не числится ни в одном классе.', 'from');
  checkWithinYear(dates, membership);
  return db.transaction((tx) =>
    insertNotice(tx, {
      schoolYear: membership.schoolYear,
      organizationId: membership.organizationId,
      classId: membership.classId,
      studentId: input.studentId,
      declaredBy: guardianId,
      startsOn: dates.from,
      endsOn: dates.to,
      reason: dates.reason,
    }),
  );
}

export async function withdrawAbsenceNotice(db: Database, policy: LearningPolicy, id: string, now: Date) {
  const notice = await noticeById(db, id);
  // Outside the guardian's own children a notice answers as one that does not exist.
  if (!notice) throw notFound('Предупреждение о пропуске');
  try {
    assertGuardianOf(policy, notice.studentId);
  } catch {
    throw notFound('Предупреждение о пропуске');
  }
  if (notice.withdrawnAt) return notice;
  return db.transaction(async (tx) => (await withdrawNotice(tx, id, now)) ?? notice);
}
