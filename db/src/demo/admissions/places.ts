/**
 * Places per organization and campaign, and the territories assigned to schools (закреплённая территория):
 * a few address ranges per school over the streets of names.ts — whole streets, one side (ODD/EVEN) or a run
 * of houses — never overlapping within a municipality. A school whose first graders are in the people data
 * gets the two streets most of them live on, so that those children were TERRITORY applicants.
 */
import { STREETS } from '../names.ts';
import type { Random } from '../random.ts';
import type { PersonRow } from '../types.ts';
import { demoCampaignYears } from './campaign.ts';
import { organizationsOf, type AdmissionsContext, type AdmissionsOrganization } from './context.ts';
import { streetAndHouse } from './snapshots.ts';

/** Houses run 1–120 on every street, as person-factory numbers them. */
export const LAST_HOUSE = 120;

export interface Segment {
  /** As an address writes it: «ул. Ленина». */
  street: string;
  houseFrom: number;
  houseTo: number;
  parity: 'ODD' | 'EVEN' | null;
}

/** A first grader of the people data, enrolled by the first group's order of the finished campaign. */
export interface FirstGrader {
  person: PersonRow;
  /** Order date and number of the ENROL entry in the movement book. */
  orderDate: string;
  orderNumber: string;
}

export interface SchoolPlan {
  school: AdmissionsOrganization;
  places: number;
  territory: Segment[];
  firstGraders: FirstGrader[];
}

export interface PlacesPlan {
  schools: SchoolPlan[];
  /** Kindergarten id → places of the planned year. */
  kindergartens: Map<string, number>;
}

export function onSegment(segment: Segment, street: string, house: number): boolean {
  return (
    segment.street.toLowerCase() === street.toLowerCase() &&
    house >= segment.houseFrom &&
    house <= segment.houseTo &&
    (segment.parity === null || (segment.parity === 'ODD') === (house % 2 === 1))
  );
}

export function onTerritory(territory: readonly Segment[], residence: string | null | undefined): boolean {
  const place = streetAndHouse(residence);
  return !!place && territory.some((segment) => onSegment(segment, place.street, place.house));
}

export function planPlaces(context: AdmissionsContext): PlacesPlan {
  const rng = context.random('places');
  const { finished, planned } = demoCampaignYears(context.catalog.schoolYear);
  const firstGraders = findFirstGraders(context);
  const schools: SchoolPlan[] = [];
  const municipalities = [...new Set(context.organizations.map((organization) => organization.municipalityNumber))];
  for (const number of municipalities) {
    const own = organizationsOf(context, 'school').filter((school) => school.municipalityNumber === number);
    const territories = dealTerritories(rng, own, firstGraders);
    for (const school of own) {
      const children = firstGraders.get(school.id) ?? [];
      const places = Math.max(rng.int(25, 75), children.length + 5);
      schools.push({ school, places, territory: territories.get(school.id) ?? [], firstGraders: children });
    }
  }
  for (const plan of schools) {
    context.rows.places.push({
      organizationId: plan.school.id,
      year: finished,
      kind: 'FIRST_GRADE',
      total: plan.places,
    });
    for (const segment of plan.territory) {
      context.rows.territories.push({
        id: context.ids.next(),
        organizationId: plan.school.id,
        street: segment.street.toLowerCase(),
        houseFrom: segment.houseFrom,
        houseTo: segment.houseTo,
        parity: segment.parity,
      });
    }
  }
  // Next year's first-grade places are left to the schools: the campaign is planned, not opened, and the
  // admissions subgraph's own tests insert them for 2027 on this demo.
  const kindergartens = new Map<string, number>();
  for (const kindergarten of organizationsOf(context, 'kindergarten')) {
    const total = rng.int(15, 30);
    kindergartens.set(kindergarten.id, total);
    context.rows.places.push({ organizationId: kindergarten.id, year: planned, kind: 'KINDERGARTEN', total });
  }
  return { schools, kindergartens };
}

/** School id → its first graders of the current school year enrolled by the July order (contingent.ts). */
function findFirstGraders(context: AdmissionsContext): Map<string, FirstGrader[]> {
  const { people, catalog } = context;
  const firstClasses = new Set(
    catalog.classes
      .filter((c) => c.grade === 1 && c.schoolYear === catalog.schoolYear && c.organizationKey.startsWith('school-'))
      .map((c) => c.id),
  );
  const result = new Map<string, FirstGrader[]>();
  for (const movement of people.movements) {
    if (movement.kind !== 'ENROL' || !movement.classId || !firstClasses.has(movement.classId)) continue;
    // Newcomers of the autumn came by their own order, not through the campaign.
    if (movement.reason || movement.orderDate >= `${catalog.schoolYear}-08-01`) continue;
    const person = context.personsById.get(movement.personId);
    if (!person || person.mergedInto) continue;
    const list = result.get(movement.organizationId) ?? [];
    list.push({ person, orderDate: movement.orderDate, orderNumber: movement.orderNumber });
    result.set(movement.organizationId, list);
  }
  return result;
}

/** Disjoint segments of the municipality's streets, 3–4 per school while they last (at least one each). */
function dealTerritories(
  rng: Random,
  schools: readonly AdmissionsOrganization[],
  firstGraders: Map<string, FirstGrader[]>,
): Map<string, Segment[]> {
  const result = new Map<string, Segment[]>();
  const claimed = new Set<string>();
  for (const school of schools) {
    const counts = new Map<string, number>();
    for (const child of firstGraders.get(school.id) ?? []) {
      const place = streetAndHouse(child.person.residenceAddress);
      const street = place && STREETS.find((name) => name.toLowerCase() === place.street);
      if (street && !claimed.has(street)) counts.set(street, (counts.get(street) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 2);
    for (const [street] of top) claimed.add(street);
    result.set(
      school.id,
      top.map(([street]) => ({ street, houseFrom: 1, houseTo: LAST_HOUSE, parity: null })),
    );
  }
  const pool = rng.shuffle(STREETS.filter((street) => !claimed.has(street))).flatMap((street) => split(rng, street));
  schools.forEach((school, index) => {
    const own = result.get(school.id) ?? [];
    const left = schools.length - index;
    const count = Math.max(1, Math.min(rng.int(3, 4), Math.floor(pool.length / left))) - Math.min(own.length, 2);
    for (let i = 0; i < count; i++) {
      const segment = pool.shift() ?? split(rng, rng.pick(STREETS))[0];
      if (segment) own.push(segment);
    }
    result.set(school.id, own);
  });
  return result;
}

function split(rng: Random, street: string): Segment[] {
  const roll = rng.next();
  if (roll < 0.4) return [{ street, houseFrom: 1, houseTo: LAST_HOUSE, parity: null }];
  if (roll < 0.7) {
    return rng.shuffle([
      { street, houseFrom: 1, houseTo: LAST_HOUSE - 1, parity: 'ODD' as const },
      { street, houseFrom: 2, houseTo: LAST_HOUSE, parity: 'EVEN' as const },
    ]);
  }
  const cut = rng.int(30, 90);
  return rng.shuffle([
    { street, houseFrom: 1, houseTo: cut, parity: null },
    { street, houseFrom: cut + 1, houseTo: LAST_HOUSE, parity: null },
  ]);
}
