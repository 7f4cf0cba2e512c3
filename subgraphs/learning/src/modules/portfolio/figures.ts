/**
 * The figures of the school portfolio (DOMAIN.md rule 12), as pure functions: weighted averages (what
 * schools report), the class average next to the child's, attendance, days until the holidays.
 */

/** Sums of one student's numeric marks in a group (subject, period…): Σ value·weight and Σ weight. */
export interface MarkSums {
  weighted: number;
  weights: number;
}

export function weightedAverage(sums: MarkSums | undefined): number | null {
  if (!sums || sums.weights === 0) return null;
  return round2(sums.weighted / sums.weights);
}

export function addSums(a: MarkSums | undefined, b: MarkSums): MarkSums {
  return { weighted: (a?.weighted ?? 0) + b.weighted, weights: (a?.weights ?? 0) + b.weights };
}

/**
 * The class average is the mean of the students' weighted averages: every student counts once, however
 * many marks they have, so one pupil with twenty marks does not outweigh the class.
 */
export function classAverage(studentAverages: readonly (number | null)[]): number | null {
  const values = studentAverages.filter((value): value is number => value !== null);
  if (values.length === 0) return null;
  return round2(values.reduce((sum, value) => sum + value, 0) / values.length);
}

export function change(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : round2(current - previous);
}

export interface AttendanceCounts {
  lessons: number;
  absent: number;
  sick: number;
  excused: number;
  late: number;
}

/** Share of lessons attended; being late counts as attended. */
export function attendedPercent(counts: AttendanceCounts): number | null {
  if (counts.lessons === 0) return null;
  const missed = counts.absent + counts.sick + counts.excused;
  return round1(((counts.lessons - missed) / counts.lessons) * 100);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
