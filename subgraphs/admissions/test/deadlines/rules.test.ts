import { describe, expect, it } from 'vitest';
import {
  checkDirection,
  checkEnrolmentOrder,
  checkPlaces,
  checkSubmission,
  defaultCampaign,
  enrolmentOrderDeadline,
  validateCampaign,
  type ApplicantCategory,
  type Campaign,
  type Violation,
} from '../../src/modules/deadlines/index.ts';
import { testCalendar } from './decrees.ts';

const calendar = testCalendar();
const campaign = defaultCampaign(2026);

/** A campaign whose priority reception ends on `end` (a region's configured year), otherwise by default. */
function endingOn(end: string): Campaign {
  const year = Number(end.slice(0, 4));
  return validateCampaign({
    ...defaultCampaign(year),
    priorityReception: { from: `${year}-04-01`, to: end },
    directionNotBefore: end,
    otherReception: { from: `${year}-11-10`, to: `${year}-12-25` },
  });
}

/** Messages are for a school secretary: Russian only, naming the rule and the date. */
function expectRussian(violation: Violation | null, ...fragments: string[]): void {
  expect(violation).not.toBeNull();
  const message = violation?.message ?? '';
  expect(message).toMatch(/[а-яё]/i);
  expect(message).not.toMatch(/[a-z]/i);
  for (const fragment of fragments) expect(message).toContain(fragment);
}

const firstGrade = (category: ApplicantCategory, submittedOn: string) =>
  ({ kind: 'FIRST_GRADE', category, submittedOn }) as const;

describe('priority and territory reception: 1 April – 30 June (Order 458 p. 17)', () => {
  for (const category of ['PRIORITY', 'TERRITORY'] as const) {
    it(`${category}: refuses 31 March, accepts 1 April`, () => {
      const refused = checkSubmission(firstGrade(category, '2026-03-31'), campaign);
      expect(refused).toMatchObject({ rule: 'PRIORITY_RECEPTION_WINDOW', deadline: '2026-04-01' });
      expectRussian(refused, 'с 1 апреля 2026 г.', '31 марта 2026 г.', '№ 458');
      expect(checkSubmission(firstGrade(category, '2026-04-01'), campaign)).toBeNull();
    });

    it(`${category}: accepts 30 June, refuses 1 July`, () => {
      expect(checkSubmission(firstGrade(category, '2026-06-30'), campaign)).toBeNull();
      const refused = checkSubmission(firstGrade(category, '2026-07-01'), campaign);
      expect(refused).toMatchObject({ rule: 'PRIORITY_RECEPTION_WINDOW', deadline: '2026-06-30' });
      expectRussian(refused, 'завершился 30 июня 2026 г.', 'с 6 июля 2026 г. по 5 сентября 2026 г.');
    });
  }
});

describe('other reception: 6 July – 5 September (Order 458 p. 17)', () => {
  it('refuses 5 July, accepts 6 July', () => {
    const refused = checkSubmission(firstGrade('OTHER', '2026-07-05'), campaign);
    expect(refused).toMatchObject({ rule: 'OTHER_RECEPTION_WINDOW', deadline: '2026-07-06' });
    expectRussian(refused, 'начинается 6 июля 2026 г.', 'не проживающих на закреплённой территории');
    expect(checkSubmission(firstGrade('OTHER', '2026-07-06'), campaign)).toBeNull();
  });

  it('accepts 5 September, refuses 6 September', () => {
    expect(checkSubmission(firstGrade('OTHER', '2026-09-05'), campaign)).toBeNull();
    const refused = checkSubmission(firstGrade('OTHER', '2026-09-06'), campaign);
    expect(refused).toMatchObject({ rule: 'OTHER_RECEPTION_WINDOW', deadline: '2026-09-05' });
    expectRussian(refused, 'завершился 5 сентября 2026 г.');
  });

  it('refuses other children during priority reception', () => {
    expect(checkSubmission(firstGrade('OTHER', '2026-04-01'), campaign)?.rule).toBe('OTHER_RECEPTION_WINDOW');
  });

  it('sets no window for kinds other than first grade', () => {
    for (const kind of ['TENTH_GRADE', 'TRANSFER', 'KINDERGARTEN', 'CAMP', 'COLLEGE'] as const) {
      expect(checkSubmission({ kind, category: 'OTHER', submittedOn: '2026-01-15' }, campaign)).toBeNull();
    }
  });
});

describe('«Направлен в ОО» not before 30 June (DOMAIN.md rule 15)', () => {
  it('refuses 29 June and allows 30 June', () => {
    const refused = checkDirection({ kind: 'FIRST_GRADE', category: 'TERRITORY' }, '2026-06-29', campaign);
    expect(refused).toMatchObject({ rule: 'DIRECTION_BEFORE_END_OF_PRIORITY_RECEPTION', deadline: '2026-06-30' });
    expectRussian(refused, '«Направлен в ОО»', 'Перевести можно с 30 июня 2026 г.', 'п. 17');
    expect(checkDirection({ kind: 'FIRST_GRADE', category: 'TERRITORY' }, '2026-06-30', campaign)).toBeNull();
    expect(checkDirection({ kind: 'FIRST_GRADE', category: 'PRIORITY' }, '2026-06-29', campaign)?.rule).toBe(
      'DIRECTION_BEFORE_END_OF_PRIORITY_RECEPTION',
    );
  });

  it('directs other children only from the start of their reception, 6 July', () => {
    const refused = checkDirection({ kind: 'FIRST_GRADE', category: 'OTHER' }, '2026-07-05', campaign);
    expect(refused).toMatchObject({ rule: 'DIRECTION_BEFORE_OTHER_RECEPTION', deadline: '2026-07-06' });
    expectRussian(refused, 'Перевести можно с 6 июля 2026 г.');
    expect(checkDirection({ kind: 'FIRST_GRADE', category: 'OTHER' }, '2026-07-06', campaign)).toBeNull();
  });

  it('does not restrict other kinds', () => {
    expect(checkDirection({ kind: 'KINDERGARTEN', category: 'TERRITORY' }, '2026-03-01', campaign)).toBeNull();
  });
});

describe('enrolment order within 3 working days after reception ends (Order 458 p. 17)', () => {
  it('runs to 3 July 2026 by default', () => {
    expect(enrolmentOrderDeadline(campaign, calendar)).toBe('2026-07-03');
  });

  it('across a weekend: reception ends Wed 30 June 2027, the 3rd working day is Mon 5 July', () => {
    const c = defaultCampaign(2027);
    expect(enrolmentOrderDeadline(c, calendar)).toBe('2027-07-05');
    expect(checkEnrolmentOrder('2027-07-05', c, calendar)).toBeNull();
    const late = checkEnrolmentOrder('2027-07-06', c, calendar);
    expect(late).toMatchObject({ rule: 'ENROLMENT_ORDER_LATE', deadline: '2027-07-05' });
    expectRussian(late, 'не позднее 5 июля 2027 г.', 'в течение 3 рабочих дней', '30 июня 2027 г.', '6 июля 2027 г.');
  });

  it('across Russia Day: reception ends Thu 11 June 2026, 12–14 June are off, the 3rd working day is 17 June', () => {
    const c = endingOn('2026-06-11');
    expect(checkEnrolmentOrder('2026-06-17', c, calendar)).toBeNull();
    const late = checkEnrolmentOrder('2026-06-18', c, calendar);
    expect(late).toMatchObject({ rule: 'ENROLMENT_ORDER_LATE', deadline: '2026-06-17' });
    expectRussian(late, 'не позднее 17 июня 2026 г.');
  });

  it('across Victory Day: reception ends Fri 8 May 2026, 9–11 May are off, the 3rd working day is 14 May', () => {
    const c = endingOn('2026-05-08');
    expect(checkEnrolmentOrder('2026-05-14', c, calendar)).toBeNull();
    expect(checkEnrolmentOrder('2026-05-15', c, calendar)?.deadline).toBe('2026-05-14');
  });

  it('across Unity Day without a weekend: reception ends Mon 2 November 2026, the 3rd working day is Fri 6 November', () => {
    const c = endingOn('2026-11-02');
    expect(checkEnrolmentOrder('2026-11-06', c, calendar)).toBeNull();
    expect(checkEnrolmentOrder('2026-11-09', c, calendar)?.rule).toBe('ENROLMENT_ORDER_LATE');
  });

  it('refuses an order before anyone can be directed', () => {
    const early = checkEnrolmentOrder('2026-06-29', campaign, calendar);
    expect(early).toMatchObject({ rule: 'ENROLMENT_ORDER_EARLY', deadline: '2026-06-30' });
    expectRussian(early, 'раньше 30 июня 2026 г.', 'по 3 июля 2026 г.');
    expect(checkEnrolmentOrder('2026-06-30', campaign, calendar)).toBeNull();
  });
});

describe('places', () => {
  it('directs while a place is free and refuses beyond capacity', () => {
    expect(checkPlaces(25, 24)).toBeNull();
    expectRussian(checkPlaces(25, 25), 'занято 25 из 25', 'сверх числа мест');
    expect(checkPlaces(25, 26)?.rule).toBe('NO_PLACES');
    expect(checkPlaces(0, 0)?.rule).toBe('NO_PLACES');
    // No places entered at all: say so and where they come from, not «занято 0 из 0».
    expectRussian(checkPlaces(0, 0), 'не задано число мест', 'муниципальному координатору');
    expect(checkPlaces(0, 0)?.message).not.toContain('0 из 0');
  });

  it('refuses nonsense counts', () => {
    expect(() => checkPlaces(-1, 0)).toThrow(RangeError);
    expect(() => checkPlaces(25, 1.5)).toThrow(RangeError);
  });
});
