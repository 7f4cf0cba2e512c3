/**
 * The shape of a school year (DOMAIN.md rule 13): its periods and holidays, the last day to open it, and
 * which classes graduate. Dates are the usual ones of the region's calendar; a school edits them in the
 * draft before opening the year.
 */
export type PeriodKind = 'QUARTER' | 'TRIMESTER' | 'HALF_YEAR';
export type ClassKind = 'SCHOOL_CLASS' | 'KINDERGARTEN_GROUP' | 'COLLEGE_GROUP' | 'EXTRA_ASSOCIATION';

interface Span {
  name: string;
  startsOn: string;
  endsOn: string;
}

export function yearSpan(year: number, kind: ClassKind | null): { startsOn: string; endsOn: string } {
  switch (kind) {
    case 'KINDERGARTEN_GROUP':
      return { startsOn: `${year}-09-01`, endsOn: `${year + 1}-08-31` };
    case 'COLLEGE_GROUP':
      return { startsOn: `${year}-09-01`, endsOn: `${year + 1}-06-30` };
    default:
      return { startsOn: `${year}-09-01`, endsOn: `${year + 1}-05-31` };
  }
}

export function periodsOf(year: number, kind: PeriodKind, endsOn: string): Span[] {
  const next = year + 1;
  switch (kind) {
    case 'QUARTER':
      return [
        { name: '1 четверть', startsOn: `${year}-09-01`, endsOn: `${year}-10-24` },
        { name: '2 четверть', startsOn: `${year}-11-05`, endsOn: `${year}-12-28` },
        { name: '3 четверть', startsOn: `${next}-01-12`, endsOn: `${next}-03-20` },
        { name: '4 четверть', startsOn: `${next}-03-30`, endsOn },
      ];
    case 'TRIMESTER':
      return [
        { name: '1 триместр', startsOn: `${year}-09-01`, endsOn: `${year}-11-30` },
        { name: '2 триместр', startsOn: `${year}-12-01`, endsOn: `${next}-02-28` },
        { name: '3 триместр', startsOn: `${next}-03-01`, endsOn },
      ];
    case 'HALF_YEAR':
      return [
        { name: '1 полугодие', startsOn: `${year}-09-01`, endsOn: `${year}-12-28` },
        { name: '2 полугодие', startsOn: `${next}-01-12`, endsOn },
      ];
  }
}

export function holidaysOf(year: number): Span[] {
  const next = year + 1;
  return [
    { name: 'Осенние каникулы', startsOn: `${year}-10-25`, endsOn: `${year}-11-04` },
    { name: 'Зимние каникулы', startsOn: `${year}-12-29`, endsOn: `${next}-01-11` },
    { name: 'Весенние каникулы', startsOn: `${next}-03-21`, endsOn: `${next}-03-29` },
  ];
}

/** The organization's type as the registry (people) keeps it. */
export type OrganizationType = 'SCHOOL' | 'KINDERGARTEN' | 'EXTRA_EDUCATION' | 'COLLEGE';

/** Rule 13: a school opens its year by 6 September, extra education by 20 September. */
export function openingDeadline(year: number, type: OrganizationType | null): string {
  return type === 'EXTRA_EDUCATION' ? `${year}-09-20` : `${year}-09-06`;
}

/**
 * The type an organization's classes suggest, for a school year reached without its organization (a mutation's
 * answer): the registry's type, passed through `Organization @requires(fields: "type")`, is preferred.
 */
export function organizationTypeOfClasses(kind: ClassKind | null): OrganizationType | null {
  switch (kind) {
    case 'EXTRA_ASSOCIATION':
      return 'EXTRA_EDUCATION';
    case 'KINDERGARTEN_GROUP':
      return 'KINDERGARTEN';
    case 'COLLEGE_GROUP':
      return 'COLLEGE';
    case 'SCHOOL_CLASS':
      return 'SCHOOL';
    case null:
      return null;
  }
}

/**
 * Whether the year was not opened by its deadline: opened after it, or still not opened and the deadline has
 * passed (`today` is the region's date).
 */
export function openingOverdue(deadline: string, openedOn: string | null, today: string): boolean {
  return openedOn === null ? today > deadline : openedOn > deadline;
}

/** The next year is formed from 1 April of the current one. */
export function formingOpensOn(nextYear: number): string {
  return `${nextYear}-04-01`;
}

/** Classes whose students leave the organization at the end of the year instead of moving up. */
export function graduates(kind: ClassKind, grade: number | null): boolean {
  if (kind === 'SCHOOL_CLASS') return grade === 11;
  if (kind === 'COLLEGE_GROUP') return grade !== null && grade >= 4;
  if (kind === 'KINDERGARTEN_GROUP') return false;
  return false;
}

/** «5А» → «6А»; a group without a grade keeps its name. */
export function promotedName(name: string, grade: number | null): string {
  if (grade === null) return name;
  return name.replace(String(grade), String(grade + 1));
}
