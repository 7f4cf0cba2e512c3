/** The admissions rows of the demo region, checked without a database: determinism, histories, places, queue. */
import { describe, expect, it } from 'vitest';
import {
  campaignDates,
  generateAdmissions,
  GUARDIAN_QUEUE,
  PLANTED,
  summarizeAdmissions,
  UNDELIVERED_MESSAGES,
} from '../src/demo/admissions/generate.ts';
import type { AdmissionsRows, ApplicationRow, StatusHistoryRow } from '../src/demo/admissions/types.ts';
import { generateRegion } from '../src/demo/generate.ts';
import type { DemoRegion } from '../src/demo/types.ts';

// 20250901 is the seed of the shared test template and of `npm start` (tests/src/constants.ts).
const SEED = 20250901;
const region = generateRegion({ seed: SEED, scale: 1 });
const regions: [number, DemoRegion][] = [
  [SEED, region],
  [1, generateRegion({ seed: 1, scale: 1 })],
];

/** The status machine of subgraphs/admissions (status-machine.ts). */
const NEXT: Record<string, string[]> = {
  SUBMITTED: ['UNDER_REVIEW', 'REJECTED', 'WITHDRAWN'],
  UNDER_REVIEW: ['DOCUMENTS_REQUESTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'],
  DOCUMENTS_REQUESTED: ['UNDER_REVIEW', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'],
  ACCEPTED: ['DIRECTED', 'REJECTED', 'WITHDRAWN'],
  DIRECTED: ['ENROLLED', 'REJECTED', 'WITHDRAWN'],
  ENROLLED: [],
  REJECTED: [],
  WITHDRAWN: [],
};
const campaign = campaignDates(2026);
/** Local (Asia/Yekaterinburg, UTC+5) date of a moment, as the campaign statistics take it. */
const local = (moment: Date) => new Date(moment.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);

function historiesOf(rows: AdmissionsRows): Map<string, StatusHistoryRow[]> {
  const byApplication = new Map<string, StatusHistoryRow[]>();
  for (const step of rows.statusHistory)
    byApplication.set(step.applicationId, [...(byApplication.get(step.applicationId) ?? []), step]);
  return byApplication;
}

const firstGradeOf = (rows: AdmissionsRows) =>
  rows.applications.filter((a) => a.kind === 'FIRST_GRADE' && a.year === 2026);
const keyOf = (r: DemoRegion) => new Map(Object.entries(r.catalog.organizations).map(([key, id]) => [id, key]));

describe('generateAdmissions', () => {
  it('gives identical rows for the same seed and other rows for another seed', () => {
    expect(generateRegion({ seed: SEED, scale: 1 }).admissions).toEqual(region.admissions);
    const other = regions[1]![1].admissions;
    expect(other.applications.map((a) => a.id)).not.toEqual(region.admissions.applications.map((a) => a.id));
  });

  it('derives everything from the people rows and the catalogue without changing them', () => {
    const people = structuredClone(region.rows);
    const catalogue = structuredClone(region.catalog);
    expect(generateAdmissions(SEED, people, catalogue)).toEqual(region.admissions);
    expect(people).toEqual(region.rows);
    expect(catalogue).toEqual(region.catalog);
  });

  it('uses ids of its own, never those of people or learning rows', () => {
    const ids = new Set([
      ...Object.values(region.rows).flatMap((list: { id?: string }[]) => list.map((row) => row.id)),
      ...Object.values(region.learning).flatMap((list: { id?: string }[]) => list.map((row) => row.id)),
    ]);
    const own = [...region.admissions.applications, ...region.admissions.territories].map((row) => row.id);
    expect(new Set(own).size).toBe(own.length);
    expect(own.filter((id) => ids.has(id))).toEqual([]);
  });

  it('reports its figures and violations in the region summary, counted from the rows', () => {
    expect(region.faults.admissions).toEqual(summarizeAdmissions(region.admissions, region.catalog));
    expect(region.faults.admissions.kindergartenQueue.applications).toBeGreaterThanOrEqual(40);
  });
});

describe.each(regions)('the admissions rows of seed %i', (_seed, r) => {
  const rows = r.admissions;
  const histories = historiesOf(rows);
  const organizationKey = keyOf(r);
  const persons = new Set(r.rows.persons.map((p) => p.id));

  it('holds both campaigns with the law’s dates, places for every school and kindergarten, and territories', () => {
    expect(rows.campaigns.map((c) => [c.year, c.priorityFrom, c.directionNotBefore, c.otherTo])).toEqual([
      [2026, '2026-04-01', '2026-06-30', '2026-09-05'],
      [2027, '2027-04-01', '2027-06-30', '2027-09-05'],
    ]);
    const schools = Object.entries(r.catalog.organizations).filter(([key]) => key.startsWith('school-'));
    const kindergartens = Object.entries(r.catalog.organizations).filter(([key]) => key.startsWith('kindergarten-'));
    for (const [key, id] of schools) {
      const own = rows.places.filter((p) => p.organizationId === id);
      expect(
        own.map((p) => [p.year, p.kind]),
        key,
      ).toEqual([[2026, 'FIRST_GRADE']]);
      expect(own[0]!.total).toBeGreaterThanOrEqual(25);
      expect(own[0]!.total).toBeLessThanOrEqual(75);
      const territory = rows.territories.filter((t) => t.organizationId === id);
      expect(territory.length, key).toBeGreaterThanOrEqual(2);
      for (const t of territory) {
        expect(t.street).toBe(t.street.toLowerCase());
        expect(t.houseFrom).toBeLessThanOrEqual(t.houseTo);
      }
    }
    for (const [, id] of kindergartens)
      expect(rows.places.filter((p) => p.organizationId === id).map((p) => [p.year, p.kind])).toEqual([
        [2027, 'KINDERGARTEN'],
      ]);
    expect(rows.territories.some((t) => t.parity === 'ODD' || t.parity === 'EVEN')).toBe(true);
    // Within a municipality no house belongs to two schools.
    for (const number of [1, 2]) {
      const own = rows.territories.filter((t) =>
        organizationKey.get(t.organizationId)?.startsWith(`school-${number}-`),
      );
      for (const a of own)
        for (const b of own) {
          if (a === b || a.street !== b.street) continue;
          const overlap = Math.max(a.houseFrom, b.houseFrom) <= Math.min(a.houseTo, b.houseTo);
          const sides = a.parity === null || b.parity === null || a.parity === b.parity;
          expect(overlap && sides, `${a.street} ${a.houseFrom}-${a.houseTo}/${b.houseFrom}-${b.houseTo}`).toBe(false);
        }
    }
  });

  it('makes every history a path of the status machine that ends in the status of its application', () => {
    for (const application of rows.applications) {
      const steps = histories.get(application.id) ?? [];
      expect(steps[0]).toMatchObject({ fromStatus: null, toStatus: 'SUBMITTED' });
      expect(steps[0]!.changedAt).toEqual(application.registeredAt);
      for (let i = 1; i < steps.length; i++) {
        const [before, step] = [steps[i - 1]!, steps[i]!];
        expect(step.fromStatus).toBe(before.toStatus);
        expect(NEXT[before.toStatus]!, `${before.toStatus} → ${step.toStatus}`).toContain(step.toStatus);
        expect(step.changedAt.getTime()).toBeGreaterThan(before.changedAt.getTime());
        if (step.toStatus === 'REJECTED' || step.toStatus === 'DOCUMENTS_REQUESTED') expect(step.reason).toBeTruthy();
        // The subgraph enrols only with an order's number and date: the history names the order.
        if (step.toStatus === 'ENROLLED') {
          const day = local(step.changedAt);
          expect(step.reason).toMatch(/^Приказ о зачислении № \d+(\/\d+)?-у от \d\d\.\d\d\.\d{4}$/);
          expect(step.reason!.endsWith(`${day.slice(8)}.${day.slice(5, 7)}.${day.slice(0, 4)}`)).toBe(true);
        }
      }
      expect(steps.at(-1)!.toStatus).toBe(application.status);
      expect(application.updatedAt).toEqual(steps.at(-1)!.changedAt);
      expect(steps.at(-1)!.changedAt.getTime()).toBeLessThan(Date.parse(`${r.catalog.asOf}T00:00:00+05:00`));
      const directed = steps.some((s) => s.toStatus === 'DIRECTED');
      expect(application.directedOrganizationId !== null).toBe(directed);
      expect(application.enrolmentKey).toBe(application.status === 'ENROLLED' ? `application:${application.id}` : null);
    }
  });

  it('runs the finished first-grade campaign: ~1.2 applications a place, 80–88% from ЕПГУ, its categories', () => {
    const applications = firstGradeOf(rows);
    const places = rows.places.filter((p) => p.kind === 'FIRST_GRADE').reduce((sum, p) => sum + p.total, 0);
    expect(applications.length / places).toBeGreaterThan(1.1);
    expect(applications.length / places).toBeLessThan(1.35);
    const share = (list: ApplicationRow[], test: (a: ApplicationRow) => boolean) =>
      list.filter(test).length / list.length;
    expect(share(applications, (a) => a.source === 'EPGU')).toBeGreaterThanOrEqual(0.8);
    expect(share(applications, (a) => a.source === 'EPGU')).toBeLessThanOrEqual(0.88);
    expect(new Set(applications.map((a) => a.source))).toEqual(new Set(['EPGU', 'IN_PERSON', 'REGIONAL_PORTAL']));
    expect(share(applications, (a) => a.category === 'PRIORITY')).toBeCloseTo(0.15, 1);
    expect(share(applications, (a) => a.category === 'TERRITORY')).toBeCloseTo(0.6, 1);
    expect(share(applications, (a) => a.category === 'OTHER')).toBeCloseTo(0.25, 1);
    for (const a of applications) {
      expect((a.priorityRights ?? []).length > 0).toBe(a.category === 'PRIORITY');
      for (const right of a.priorityRights ?? []) expect(['9', '9.1', '10', '12']).toContain(right);
      expect(a.childBirthDate >= '2018-09-01' && a.childBirthDate <= '2020-02-29').toBe(true);
      expect(a.applicantData?.lastName).toBeTruthy();
      const day = local(a.registeredAt);
      // The local and the UTC date of a registration agree, whichever the ЕПГУ intake looks at.
      expect(a.registeredAt.toISOString().slice(0, 10)).toBe(day);
      if (a.category === 'OTHER') expect(day >= campaign.otherFrom && day <= campaign.otherTo, day).toBe(true);
      else expect(day >= campaign.priorityFrom && day <= campaign.priorityTo, day).toBe(true);
    }
    const epgu = rows.applications.filter((a) => a.source === 'EPGU');
    expect(epgu.every((a) => /^\d{4}-\d{4}-\d{7}$/.test(a.epguNumber ?? ''))).toBe(true);
    expect(
      epgu.every(
        (a) =>
          a.epguNumber ===
          `${local(a.registeredAt).slice(0, 4)}-${local(a.registeredAt).slice(5, 7)}${local(a.registeredAt).slice(8)}-${a.epguNumber!.slice(10)}`,
      ),
    ).toBe(true);
    expect(new Set(epgu.map((a) => a.epguNumber)).size).toBe(epgu.length);
    expect(rows.applications.filter((a) => a.source !== 'EPGU' && a.epguNumber !== null)).toEqual([]);
    const certificates = rows.applications.flatMap((a) => (a.birthCertificateNumber ? [a.birthCertificateNumber] : []));
    expect(new Set(certificates).size).toBe(certificates.length);
    const names = rows.applications.map(
      (a) => `${a.childLastName} ${a.childFirstName} ${a.childMiddleName} ${a.childBirthDate}`,
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives TERRITORY children an address on the school’s territory and OTHER children one off it', () => {
    const firstChoice = new Map(
      rows.applicationChoices.filter((c) => c.preference === 1).map((c) => [c.applicationId, c.organizationId]),
    );
    const onTerritory = (a: ApplicationRow) => {
      const match = /, ([^,]+), д\. (\d+)(?:, кв\. \d+)?$/.exec(a.residenceAddress ?? '');
      if (!match) return false;
      const [street, house] = [match[1]!.toLowerCase(), Number(match[2])];
      return rows.territories.some(
        (t) =>
          t.organizationId === firstChoice.get(a.id) &&
          t.street === street &&
          house >= t.houseFrom &&
          house <= t.houseTo &&
          (t.parity === null || (t.parity === 'ODD') === (house % 2 === 1)),
      );
    };
    for (const a of firstGradeOf(rows)) {
      if (a.category === 'TERRITORY') expect(onTerritory(a), a.residenceAddress!).toBe(true);
      if (a.category === 'OTHER') expect(onTerritory(a), a.residenceAddress!).toBe(false);
    }
  });

  it('never directs more children than a school has places', () => {
    for (const place of rows.places.filter((p) => p.kind === 'FIRST_GRADE')) {
      const taken = rows.applications.filter(
        (a) =>
          a.directedOrganizationId === place.organizationId && (a.status === 'DIRECTED' || a.status === 'ENROLLED'),
      );
      expect(taken.length, organizationKey.get(place.organizationId)).toBeLessThanOrEqual(place.total);
      // Nor was it ever beyond them: every application once directed there counts.
      const everDirected = rows.applications.filter((a) => a.directedOrganizationId === place.organizationId);
      expect(everDirected.length).toBeLessThanOrEqual(place.total);
    }
  });

  it('directs from 30 June and enrols by 3 July, except the violations planted in municipality 1', () => {
    const early = new Map<string, number>();
    const late = new Map<string, number>();
    for (const a of firstGradeOf(rows)) {
      const key = organizationKey.get(a.directedOrganizationId ?? '') ?? '';
      for (const step of histories.get(a.id) ?? []) {
        const day = local(step.changedAt);
        if (a.category === 'OTHER') {
          if (step.toStatus === 'DIRECTED') expect(day >= campaign.otherFrom).toBe(true);
          continue;
        }
        if (step.toStatus === 'DIRECTED' && day < campaign.directionNotBefore)
          early.set(key, (early.get(key) ?? 0) + 1);
        if (step.toStatus === 'ENROLLED' && day > campaign.orderDeadline) late.set(key, (late.get(key) ?? 0) + 1);
        if (step.toStatus === 'DIRECTED') expect(day >= '2026-06-25', day).toBe(true);
        if (step.toStatus === 'ENROLLED')
          expect(['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-08']).toContain(day);
      }
    }
    expect(campaign.orderDeadline).toBe('2026-07-03');
    const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + n, 0);
    expect(sum(early)).toBe(PLANTED.earlyDirections);
    expect(sum(late)).toBe(PLANTED.lateEnrolments);
    for (const key of [...early.keys(), ...late.keys()]) expect(key).toMatch(/^school-1-/);
    const [first, second] = r.faults.admissions.violations;
    expect(first).toEqual({
      municipality: 1,
      earlyDirections: Object.fromEntries(early),
      lateEnrolments: Object.fromEntries(late),
    });
    expect(second).toEqual({ municipality: 2, earlyDirections: {}, lateEnrolments: {} });
  });

  it('links children and applicants only to real people: first graders of the school, their parents, the guardian', () => {
    for (const a of rows.applications) {
      if (a.childId) {
        expect(persons.has(a.childId)).toBe(true);
        expect(a.kind).toBe('FIRST_GRADE');
        expect(a.status).toBe('ENROLLED');
        const enrolment = r.rows.movements.find((m) => m.personId === a.childId && m.kind === 'ENROL');
        expect(enrolment?.organizationId).toBe(a.directedOrganizationId);
        expect(enrolment?.orderDate).toBe(local((histories.get(a.id) ?? []).at(-1)!.changedAt));
      }
      if (a.applicantId) expect(persons.has(a.applicantId)).toBe(true);
      for (const step of histories.get(a.id) ?? []) if (step.changedBy) expect(persons.has(step.changedBy)).toBe(true);
    }
    expect(rows.applications.filter((a) => a.applicantId).length).toBeGreaterThanOrEqual(3);
    expect(rows.applications.filter((a) => a.kind === 'KINDERGARTEN').every((a) => a.childId === null)).toBe(true);
  });

  it('queues one STATUS_CHANGED message per change of an ЕПГУ application, a few still undelivered', () => {
    const epgu = new Map(rows.applications.filter((a) => a.source === 'EPGU').map((a) => [a.id, a]));
    const changes = rows.statusHistory.filter((step) => epgu.has(step.applicationId));
    expect(rows.outbox.map((m) => m.event)).toEqual(changes.map(() => 'STATUS_CHANGED'));
    expect(
      rows.outbox.map((m) => {
        const { applicationId, from, to, at, epguNumber } = m.payload as Record<string, string | null>;
        return [m.applicationId, applicationId, epguNumber, from, to, at];
      }),
    ).toEqual(
      changes.map((step) => [
        step.applicationId,
        step.applicationId,
        epgu.get(step.applicationId)!.epguNumber,
        step.fromStatus,
        step.toStatus,
        step.changedAt.toISOString(),
      ]),
    );
    const waiting = rows.outbox.filter((m) => !m.deliveredAt);
    expect(waiting).toHaveLength(UNDELIVERED_MESSAGES);
    for (const m of waiting) {
      expect(m.attempts).toBeGreaterThan(0);
      expect(m.lastError).toMatch(/^ЕПГУ: 50[34]/);
      expect(m.nextAttemptAt!.getTime()).toBeGreaterThan(m.lastAttemptAt!.getTime());
      // Nothing of its application waits behind it.
      const later = rows.outbox.filter((o) => o.applicationId === m.applicationId && o.createdAt! > m.createdAt!);
      expect(later).toEqual([]);
    }
    for (const m of rows.outbox.filter((o) => o.deliveredAt)) {
      expect(m.deliveredAt!.getTime()).toBeGreaterThan(m.createdAt!.getTime());
      expect(m.lastAttemptAt).toEqual(m.deliveredAt);
      expect(m.lastError === null).toBe(m.attempts === 0);
    }
    expect(rows.outbox.filter((o) => o.deliveredAt && o.attempts === 0).length / rows.outbox.length).toBeGreaterThan(
      0.9,
    );
  });

  it('keeps the kindergarten queue: one current position per application, 1..n by benefit then registration', () => {
    const queue = rows.applications.filter((a) => a.kind === 'KINDERGARTEN');
    expect(queue.every((a) => a.year === 2027 && ['SUBMITTED', 'UNDER_REVIEW', 'ACCEPTED'].includes(a.status!))).toBe(
      true,
    );
    for (const a of queue) expect(a.childBirthDate >= '2023-01-01' && a.childBirthDate <= '2025-06-30').toBe(true);
    const firstChoice = new Map(
      rows.applicationChoices.filter((c) => c.preference === 1).map((c) => [c.applicationId, c.organizationId]),
    );
    const kindergartens = Object.entries(r.catalog.organizations).filter(([key]) => key.startsWith('kindergarten-'));
    for (const [key, id] of kindergartens) {
      const own = queue.filter((a) => firstChoice.get(a.id) === id);
      expect(own.length, key).toBeGreaterThanOrEqual(20);
      expect(own.length, key).toBeLessThanOrEqual(40);
      const expected = [...own]
        .sort(
          (a, b) =>
            Number(b.category === 'PRIORITY') - Number(a.category === 'PRIORITY') ||
            a.registeredAt.getTime() - b.registeredAt.getTime(),
        )
        .map((a) => a.id);
      const current = rows.queuePositions
        .filter((p) => p.organizationId === id && p.current)
        .sort((a, b) => a.position - b.position);
      expect(current.map((p) => p.applicationId)).toEqual(expected);
      expect(current.map((p) => p.position)).toEqual(expected.map((_, index) => index + 1));
    }
    for (const a of queue) {
      const own = rows.queuePositions.filter((p) => p.applicationId === a.id);
      expect(
        own.filter((p) => p.current),
        a.id,
      ).toHaveLength(1);
      expect(own.find((p) => p.current)?.organizationId).toBe(firstChoice.get(a.id));
      // Each organization's rows of the application chain: the previous position is the row before.
      for (const organizationId of new Set(own.map((p) => p.organizationId))) {
        const chain = own.filter((p) => p.organizationId === organizationId);
        expect(chain[0]!.previousPosition).toBeNull();
        for (let i = 1; i < chain.length; i++) {
          expect(chain[i]!.previousPosition).toBe(chain[i - 1]!.position);
          expect(chain[i]!.position).not.toBe(chain[i - 1]!.position);
          expect(chain[i]!.changedAt.getTime()).toBeGreaterThan(chain[i - 1]!.changedAt.getTime());
        }
        expect(chain.slice(0, -1).every((p) => !p.current)).toBe(true);
      }
      expect(own[0]!.changedAt).toEqual(a.registeredAt);
    }
    expect(rows.queuePositions.every((p) => queue.some((a) => a.id === p.applicationId))).toBe(true);
    const reasons = new Set(rows.queuePositions.map((p) => p.reason));
    for (const reason of ['Постановка на учёт', 'Выбыл ребёнок, стоявший в очереди выше', 'Смена желаемого сада'])
      expect(reasons).toContain(reason);
    expect([...reasons].some((reason) => /^Предоставлена льгота \(п\. [0-9.]+\)$/.test(reason))).toBe(true);
  });

  it('queues a younger sister of the demo guardian’s children, with 2–3 changes of position', () => {
    const guardian = r.catalog.accounts['guardian']?.[0];
    const own = rows.applications.filter((a) => a.applicantId === guardian);
    expect(own).toHaveLength(1);
    const [application] = own;
    expect(application).toMatchObject({
      kind: 'KINDERGARTEN',
      year: 2027,
      childId: null,
      childLastName: GUARDIAN_QUEUE.child.lastName,
      childFirstName: GUARDIAN_QUEUE.child.firstName,
      childMiddleName: GUARDIAN_QUEUE.child.middleName,
      childBirthDate: GUARDIAN_QUEUE.child.birthDate,
      source: 'EPGU',
      status: 'ACCEPTED',
      applicantData: {
        lastName: 'Кузнецова',
        firstName: 'Ольга',
        middleName: 'Игоревна',
        snils: '17033452840',
        esiaOid: '1000000107',
      },
    });
    const positions = rows.queuePositions.filter((p) => p.applicationId === application!.id);
    expect(positions.length - 1).toBeGreaterThanOrEqual(2);
    expect(positions.length - 1).toBeLessThanOrEqual(3);
    expect(new Set(positions.map((p) => p.organizationId))).toEqual(
      new Set([r.catalog.organizations[GUARDIAN_QUEUE.organization]]),
    );
  });
});

describe('generateAdmissions at scale 2', () => {
  it('plants the violations in municipality 1 only and queues every kindergarten', () => {
    const double = generateRegion({ seed: 1, scale: 2 });
    const [first, ...others] = double.faults.admissions.violations;
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);
    expect([total(first!.earlyDirections), total(first!.lateEnrolments)]).toEqual([
      PLANTED.earlyDirections,
      PLANTED.lateEnrolments,
    ]);
    for (const entry of others) expect([entry.earlyDirections, entry.lateEnrolments]).toEqual([{}, {}]);
    const kindergartens = Object.values(double.catalog.organizations).filter((id) =>
      double.rows.organizations.some((o) => o.id === id && o.type === 'KINDERGARTEN'),
    );
    for (const id of kindergartens)
      expect(double.admissions.queuePositions.some((p) => p.organizationId === id && p.current)).toBe(true);
  });
});
