/**
 * The plan of the bulk region: which organizations the streamed part adds, in which municipality, with which
 * classes and how many seats. Cheap (a few thousand objects for 400,000 learners) and deterministic from the
 * seed and the number of learners, so a second run computes the same chunks and skips those already written.
 * The seats add up to exactly the number of learners asked for.
 */
import { isoDate } from '../calendar.ts';
import { COLLEGE_SPECIALTIES, GROUP_AGES } from '../classes.ts';
import { GROUP_NAMES } from '../names.ts';
import { createRandom } from '../random.ts';
import { MUNICIPALITIES } from '../territory.ts';
import type { OrganizationKind } from '../types.ts';
import type { YearState } from '../learning/context.ts';

/**
 * A chunk's ids start 2^24 ms (4.7 hours) after the previous chunk's: UUIDv7 order follows chunk order. The
 * people part takes its ids from the start of the span, the journal (journal.ts) from its middle.
 */
export const CHUNK_ID_SPAN_MS = 2 ** 24;

/** The UUIDv7 timestamp of a chunk's first id. */
export function chunkEpoch(schoolYear: number, number: number): number {
  return Date.UTC(schoolYear, 8, 1) + number * CHUNK_ID_SPAN_MS;
}

/** The demo proper uses municipalities 1 and 2; the bulk region starts at 3. */
export const FIRST_BULK_MUNICIPALITY = 3;
const LEARNERS_PER_MUNICIPALITY = 25_000;
const SCHOOL_SHARE = 0.78;
const KINDERGARTEN_SHARE = 0.14;
const LETTERS = ['А', 'Б', 'В', 'Г', 'Д'];

export interface SeatPlan {
  name: string;
  grade: number | null;
  /** The age learners turn in the calendar year the school year starts. */
  age: number;
  size: number;
}

export interface OrganizationPlan {
  /** The chunk number: 0 is the territory (municipalities and coordinators), organizations count from 1. */
  number: number;
  /** `school-3-1`, `kindergarten-4-2`…: the demo's key scheme, in municipalities the demo does not use. */
  key: string;
  kind: OrganizationKind;
  /** 1-based index into MUNICIPALITIES. */
  municipalityNumber: number;
  /** The n-th organization of its kind in its municipality. */
  n: number;
  classes: SeatPlan[];
  learners: number;
  state: YearState;
  /** Rule 9 fault: registered with a wrong INN check digit. */
  invalidInn: boolean;
}

export interface RegionPlan {
  learners: number;
  municipalityNumbers: number[];
  organizations: OrganizationPlan[];
}

export function planRegion(seed: number | string, learners: number): RegionPlan {
  const rng = createRandom(seed, 'region/plan');
  const available = MUNICIPALITIES.length - FIRST_BULK_MUNICIPALITY + 1;
  const count = Math.min(available, Math.max(1, Math.round(learners / LEARNERS_PER_MUNICIPALITY)));
  const municipalityNumbers = Array.from({ length: count }, (_, index) => FIRST_BULK_MUNICIPALITY + index);
  const drafts: Omit<OrganizationPlan, 'number' | 'key' | 'n' | 'state' | 'invalidInn'>[] = [];
  let left = learners;
  const take = (want: number) => {
    const size = Math.min(want, left);
    left -= size;
    return size;
  };
  let turn = 0;
  const nextMunicipality = () => municipalityNumbers[turn++ % municipalityNumbers.length] as number;

  let schoolSeats = Math.round(learners * SCHOOL_SHARE);
  let kindergartenSeats = Math.round(learners * KINDERGARTEN_SHARE);
  while (left > 0 && schoolSeats > 0) {
    const parallels = rng.int(1, 4);
    const classes: SeatPlan[] = [];
    for (let grade = 1; grade <= 11 && left > 0 && schoolSeats > 0; grade++) {
      // Fewer senior classes: many leave for colleges after the ninth grade.
      const here = grade >= 10 ? Math.max(1, parallels - 1) : parallels;
      for (let p = 0; p < here && left > 0 && schoolSeats > 0; p++) {
        const size = take(Math.min(schoolSeats, rng.int(20, 30)));
        schoolSeats -= size;
        classes.push({ name: `${grade}${LETTERS[p]}`, grade, age: 6 + grade, size });
      }
    }
    drafts.push(draft('school', nextMunicipality(), classes));
  }
  while (left > 0 && kindergartenSeats > 0) {
    const groups = rng.int(4, 10);
    const names = rng.shuffle(GROUP_NAMES);
    const classes: SeatPlan[] = [];
    for (let g = 0; g < groups && left > 0 && kindergartenSeats > 0; g++) {
      const size = take(Math.min(kindergartenSeats, rng.int(15, 22)));
      kindergartenSeats -= size;
      const name = names[g % names.length] ?? `Группа ${g + 1}`;
      classes.push({
        name: g < names.length ? name : `${name} ${g + 1}`,
        grade: null,
        age: GROUP_AGES[g % GROUP_AGES.length] ?? 5,
        size,
      });
    }
    drafts.push(draft('kindergarten', nextMunicipality(), classes));
  }
  while (left > 0) {
    const specialties = rng.sample(COLLEGE_SPECIALTIES, rng.int(3, 6));
    const classes: SeatPlan[] = [];
    for (const specialty of specialties) {
      for (let course = 1; course <= 4 && left > 0; course++) {
        classes.push({ name: `${specialty}-${course}1`, grade: course, age: 15 + course, size: take(rng.int(20, 25)) });
      }
    }
    drafts.push(draft('college', nextMunicipality(), classes));
  }
  // Extra-education centres have staff and no classes of their own here (as in the demo).
  for (const municipalityNumber of municipalityNumbers) {
    const schools = drafts.filter((d) => d.kind === 'school' && d.municipalityNumber === municipalityNumber).length;
    for (let i = 0; i < Math.max(1, Math.round(schools / 6)); i++) drafts.push(draft('extra', municipalityNumber, []));
  }

  const order: OrganizationKind[] = ['school', 'kindergarten', 'extra', 'college'];
  const sorted = municipalityNumbers.flatMap((m) =>
    order.flatMap((kind) => drafts.filter((d) => d.municipalityNumber === m && d.kind === kind)),
  );
  const organizations = sorted.map((d, index): OrganizationPlan => {
    const n = sorted
      .slice(0, index + 1)
      .filter((o) => o.kind === d.kind && o.municipalityNumber === d.municipalityNumber).length;
    const key = `${d.kind}-${d.municipalityNumber}-${n}`;
    return { ...d, number: index + 1, key, n, state: 'OPEN', invalidInn: d.kind === 'school' && n === 2 };
  });
  plantYearStates(organizations, municipalityNumbers);
  return { learners, municipalityNumbers, organizations };
}

function draft(kind: OrganizationKind, municipalityNumber: number, classes: SeatPlan[]) {
  return { kind, municipalityNumber, classes, learners: classes.reduce((sum, c) => sum + c.size, 0) };
}

/**
 * The faults of rule 13, as the demo plants them (learning/context.ts): in each odd municipality the last
 * school keeps the year a DRAFT, in each even one the last kindergarten; the region's last extra-education
 * centre has no year; the last school of the last municipality opened it late.
 */
function plantYearStates(organizations: OrganizationPlan[], municipalityNumbers: number[]): void {
  const last = (kind: OrganizationKind, m?: number) =>
    organizations.filter((o) => o.kind === kind && (m === undefined || o.municipalityNumber === m)).at(-1);
  for (const m of municipalityNumbers) {
    const kinds: OrganizationKind[] = m % 2 === 1 ? ['school', 'kindergarten'] : ['kindergarten', 'school'];
    const organization = kinds.map((kind) => last(kind, m)).find(Boolean);
    if (organization) organization.state = 'DRAFT';
  }
  const centre = last('extra');
  if (centre) centre.state = 'NONE';
  const late = last('school', municipalityNumbers.at(-1));
  if (late && late.state === 'OPEN') late.state = 'LATE';
}

/** Learners of a class are born in [bornFrom, bornTo]: the demo's rule (classes.ts). */
export function birthRange(schoolYear: number, age: number): { bornFrom: string; bornTo: string } {
  return { bornFrom: isoDate(schoolYear - age - 1, 9, 1), bornTo: isoDate(schoolYear - age, 8, 31) };
}
