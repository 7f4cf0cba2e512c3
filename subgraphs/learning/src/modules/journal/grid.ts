/**
 * The teacher's grid: students × lessons with marks, attendance, topics and homework for a class, subject
 * and period, in a constant number of statements whatever the class size and period length.
 */
import { badInput, forbidden } from '@region/kit';
import type { LearningContext } from '../../context.ts';
import { addDays, isoDate, schoolYearOf } from '../../calendar.ts';
import { YEAR_MARK_WINDOW_DAYS } from './year-marks.ts';
import type { ClassRow } from '../classes/repository.ts';
import { person } from '../references.ts';
import {
  gridAttendance,
  gridLessons,
  gridMarks,
  gridYearMarks,
  mayOpenGrid,
  membersDuring,
  periodsOfOrganization,
  type PeriodRow,
} from './repository.ts';

export interface GridArgs {
  subjectId: string;
  periodId?: string | null;
  from?: string | null;
  to?: string | null;
}

async function resolveRange(row: ClassRow, args: GridArgs, ctx: LearningContext) {
  const periods = await periodsOfOrganization(ctx.db, row.organizationId, row.schoolYear);
  let period: PeriodRow | undefined;
  if (args.periodId) {
    period = periods.find((p) => p.id === args.periodId);
    if (!period) throw badInput('Такого учебного периода у организации нет.', 'periodId');
  } else if (!args.from && !args.to) {
    const today = isoDate(ctx.now());
    period =
      periods.find((p) => p.startsOn <= today && today <= p.endsOn) ??
      periods.filter((p) => p.endsOn < today).at(-1) ??
      periods[0];
  }
  const from = args.from ?? period?.startsOn ?? `${row.schoolYear}-09-01`;
  const to = args.to ?? period?.endsOn ?? `${row.schoolYear + 1}-08-31`;
  if (from > to) throw badInput('Начало диапазона позже его конца.', 'from');
  if (schoolYearOf(from) !== row.schoolYear || schoolYearOf(to) !== row.schoolYear) {
    throw badInput('Журнал открывается в пределах учебного года класса.', 'from');
  }
  return { period: period ?? null, last: periods.at(-1), range: { schoolYear: row.schoolYear, from, to } };
}

export async function journalGrid(row: ClassRow, args: GridArgs, ctx: LearningContext) {
  const { period, last, range } = await resolveRange(row, args, ctx);
  const access = await mayOpenGrid(ctx.db, ctx.policy, row.id, args.subjectId, range);
  if (!access.read) throw forbidden('Журнал этого класса по этому предмету вам недоступен.');
  const [lessons, marks, periodMarks, yearMarks, attendance, members] = await Promise.all([
    gridLessons(ctx.db, row.id, args.subjectId, range),
    gridMarks(ctx.db, row.id, args.subjectId, range, true),
    gridMarks(ctx.db, row.id, args.subjectId, range, false),
    gridYearMarks(ctx.db, row.id, args.subjectId, row.schoolYear),
    gridAttendance(ctx.db, row.id, args.subjectId, range),
    membersDuring(ctx.db, row.id, range.from, range.to),
  ]);
  for (const lesson of lessons) ctx.loaders.lesson.prime(lesson.id, lesson);
  const closed = period?.closedAt != null;
  return {
    class: row,
    subjectId: args.subjectId,
    period,
    from: range.from,
    to: range.to,
    students: members.map((member) => person(member.personId)),
    lessons,
    marks,
    attendance,
    // Year and final marks are dated the last period's end too: the period column shows period marks only.
    periodMarks: periodMarks.filter((mark) => mark.kind === 'PERIOD'),
    yearMarks,
    yearMarksFrom: last ? addDays(last.endsOn, 1 - YEAR_MARK_WINDOW_DAYS) : null,
    editable: access.write && (!closed || isAdminOf(ctx, row.organizationId)),
    today: isoDate(ctx.now()),
  };
}

function isAdminOf(ctx: LearningContext, organizationId: string): boolean {
  const organizations = ctx.policy.organizationsWith('school-year:manage');
  return organizations === 'ALL' || organizations.includes(organizationId);
}

export type JournalGridRow = Awaited<ReturnType<typeof journalGrid>>;
