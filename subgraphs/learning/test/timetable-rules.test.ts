/** The bell schedule's and the advance absence notice's rules as pure functions (issue 15 §2). */
import { describe, expect, it } from 'vitest';
import { checkBells, checkNotice, checkShift, checkWithinYear } from '../src/modules/timetable/rules.ts';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const { code, field } = (error as { extensions: { code: string; field?: string } }).extensions;
    return { code, field };
  }
  throw new Error('not refused');
};

describe('bells', () => {
  it('sorts a shift by lesson number and accepts adjacent lessons', () => {
    expect(
      checkBells([
        { lessonNumber: 2, startsAt: '09:20', endsAt: '10:00' },
        { lessonNumber: 1, startsAt: '08:30', endsAt: '09:20' },
      ]).map((bell) => bell.lessonNumber),
    ).toEqual([1, 2]);
  });

  it('refuses a repeated number, a bad time, an end before the start and an overlap, naming the field', () => {
    expect(
      refusal(() =>
        checkBells([
          { lessonNumber: 1, startsAt: '08:30', endsAt: '09:10' },
          { lessonNumber: 1, startsAt: '09:20', endsAt: '10:00' },
        ]),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'bells.1.lessonNumber' });
    expect(refusal(() => checkBells([{ lessonNumber: 1, startsAt: '24:00', endsAt: '09:10' }]))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'bells.0.startsAt',
    });
    expect(refusal(() => checkBells([{ lessonNumber: 1, startsAt: '09:10', endsAt: '09:10' }]))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'bells.0.endsAt',
    });
    expect(
      refusal(() =>
        checkBells([
          { lessonNumber: 1, startsAt: '08:30', endsAt: '09:15' },
          { lessonNumber: 3, startsAt: '09:00', endsAt: '09:40' },
        ]),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'bells.1.startsAt' });
    expect(refusal(() => checkBells([{ lessonNumber: 13, startsAt: '08:30', endsAt: '09:10' }]))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'bells.0.lessonNumber',
    });
    expect(refusal(() => checkShift(3))).toEqual({ code: 'BAD_USER_INPUT', field: 'shift' });
  });
});

describe('advance absence notice', () => {
  const today = '2026-11-20';
  it('accepts today, 14 days and trims the reason', () => {
    expect(checkNotice({ from: today, to: '2026-12-03', reason: '  к врачу ' }, today)).toEqual({
      from: today,
      to: '2026-12-03',
      reason: 'к врачу',
    });
  });

  it('refuses yesterday, an end before the start, 15 days and an empty reason', () => {
    expect(refusal(() => checkNotice({ from: '2026-11-19', to: today, reason: 'x' }, today)).field).toBe('from');
    expect(refusal(() => checkNotice({ from: today, to: '2026-11-19', reason: 'x' }, today)).field).toBe('to');
    expect(refusal(() => checkNotice({ from: today, to: '2026-12-04', reason: 'x' }, today)).field).toBe('to');
    expect(refusal(() => checkNotice({ from: today, to: today, reason: ' ' }, today)).field).toBe('reason');
  });

  it('keeps a notice within the organization’s school year, or 31 August without one', () => {
    const year = { schoolYear: 2026, yearStartsOn: '2026-09-01', yearEndsOn: '2027-05-31' };
    expect(() => checkWithinYear({ to: '2027-05-31' }, year)).not.toThrow();
    expect(refusal(() => checkWithinYear({ to: '2027-06-01' }, year)).field).toBe('to');
    expect(() => checkWithinYear({ to: '2027-08-31' }, { ...year, yearEndsOn: null })).not.toThrow();
    expect(refusal(() => checkWithinYear({ to: '2027-09-01' }, { ...year, yearEndsOn: null })).field).toBe('to');
  });
});
