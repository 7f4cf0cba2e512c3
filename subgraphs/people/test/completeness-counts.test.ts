/**
 * The completeness counts the database keeps per organization (issue 13 §4, architecture.md «Completeness
 * counts»): after every kind of change to cards, enrolments and employments — and two transactions editing
 * one organization at once — `people.completeness_counts` equals the counts computed from the cards now,
 * and the database's functions are the rendering of the checks the per-card list uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import {
  completenessFunctionsSql,
  gapColumn,
  liveCounts,
  personsTriggerBody,
  recountFunctionBody,
  type CountsRow,
} from '../src/modules/completeness/repository.ts';
import { MANDATORY_FIELDS, missingFields, type CardFacts } from '../src/modules/persons/mandatory-fields.ts';
import { expectOk, organizationOf } from './helpers.ts';

let platform: Platform;
let school: string;
let otherSchool: string;

beforeAll(async () => {
  platform = await startPlatform();
  school = await organizationOf(platform, 'admin');
  otherSchool = await organizationOf(platform, 'admin2');
});
afterAll(async () => {
  await platform?.stop();
});

const COLUMNS = ['cards', 'with_gaps', ...MANDATORY_FIELDS.map(gapColumn)];
const key = (row: { organization_id: string; kind: string }) => `${row.organization_id}/${row.kind}`;
const figures = (row: Record<string, unknown>) => COLUMNS.map((column) => Number(row[column]));

async function maintained(organizationIds: readonly string[]): Promise<Map<string, number[]>> {
  const rows = await platform.admin.sql<CountsRow[]>`
    select * from people.completeness_counts where organization_id in ${platform.admin.sql(organizationIds)}`;
  return new Map(rows.map((row) => [key(row), figures(row)]));
}

/** The kept counts of the organizations equal those computed from the cards now (zeros may be absent). */
async function expectExact(organizationIds: readonly string[]): Promise<void> {
  const kept = await maintained(organizationIds);
  const live = await liveCounts(platform.admin.db, organizationIds);
  expect(live.length).toBe(organizationIds.length * 2);
  for (const row of live) {
    const expected = figures(row);
    expect(kept.get(key(row)) ?? COLUMNS.map(() => 0), key(row)).toEqual(expected);
  }
}

async function allOrganizations(): Promise<string[]> {
  const rows = await platform.admin.sql<{ id: string }[]>`select id from people.organizations`;
  return rows.map((row) => row.id);
}

async function count(organizationId: string, kind: 'STUDENT' | 'STAFF', column: string): Promise<number> {
  const [row] = await platform.admin.sql<Record<string, number>[]>`
    select * from people.completeness_counts where organization_id = ${organizationId} and kind = ${kind}`;
  return Number(row?.[column] ?? 0);
}

/** A current learner of the organization with no gap: editing one field makes exactly one. */
async function completeLearner(organizationId: string, skip = 0): Promise<string> {
  const rows = await platform.admin.sql<{ id: string }[]>`
    select p.id from people.persons p join people.enrolments e on e.person_id = p.id and e.ended_on is null
    where e.organization_id = ${organizationId} and p.merged_into is null
      and p.last_name <> '' and p.first_name <> '' and p.birth_date is not null and p.sex is not null
      and coalesce(p.document_number, '') <> '' and coalesce(p.citizenship, '') <> ''
      and coalesce(p.place_of_birth, '') <> '' and coalesce(p.registration_address, '') <> ''
      and coalesce(p.residence_address, '') <> '' and coalesce(p.education_form, '') <> ''
      and coalesce(p.snils, '') <> '' and p.movement_first is not null
    order by p.id offset ${skip} limit 1`;
  expect(rows[0]).toBeTruthy();
  return rows[0]!.id;
}

async function newPerson(lastName: string): Promise<string> {
  const [row] = await platform.admin.sql<{ id: string }[]>`
    insert into people.persons (last_name, first_name, normalized_name, birth_date)
    values (${lastName}, 'Пётр', ${`${lastName.toLowerCase()} пётр`}, '2015-05-05') returning id`;
  return row!.id;
}

describe('the functions that hold the checks', () => {
  it('are in the database as rendered from checksOfKind', async () => {
    const rows = await platform.admin.sql<{ name: string; source: string }[]>`
      select proname as name, prosrc as source from pg_proc
      where pronamespace = 'people'::regnamespace
        and proname in ('completeness_recount', 'completeness_after_persons')`;
    const source = new Map(rows.map((row) => [row.name, row.source]));
    const hint = `a check changed: add a migration with\n${completenessFunctionsSql()}`;
    expect(source.get('completeness_recount'), hint).toBe(recountFunctionBody());
    expect(source.get('completeness_after_persons'), hint).toBe(personsTriggerBody());
  });

  it("count what Person.missingFields lists, card by card, for a school's learners and staff", async () => {
    const facts = (kind: 'STUDENT' | 'STAFF') => platform.admin.sql<(CardFacts & { id: string })[]>`
      select p.id, p.last_name as "lastName", p.first_name as "firstName", p.birth_date::text as "birthDate",
        p.sex, p.snils, p.citizenship, p.place_of_birth as "placeOfBirth",
        p.registration_address as "registrationAddress", p.residence_address as "residenceAddress", p.phone,
        p.email, p.document_type as "documentType", p.document_number as "documentNumber",
        p.education_form as "educationForm", p.movement_first as "movementFirst", p.education,
        exists (select 1 from people.employments m where m.person_id = p.id and m.ended_on is null and m.is_main)
          as "hasMainPosition",
        (select m.qualification_category from people.employments m
          where m.person_id = p.id and m.ended_on is null and m.is_main limit 1) as "qualificationCategory"
      from people.persons p
      where p.merged_into is null and p.id in (${
        kind === 'STUDENT'
          ? platform.admin
              .sql`select person_id from people.enrolments where ended_on is null and organization_id = ${school}`
          : platform.admin
              .sql`select person_id from people.employments where ended_on is null and organization_id = ${school}`
      })`;
    for (const kind of ['STUDENT', 'STAFF'] as const) {
      const cards = await facts(kind);
      expect(cards.length).toBeGreaterThan(0);
      const lists = cards.map((card) => missingFields(card, new Set([kind])));
      expect(await count(school, kind, 'cards')).toBe(cards.length);
      expect(await count(school, kind, 'with_gaps')).toBe(lists.filter((list) => list.length > 0).length);
      for (const field of MANDATORY_FIELDS) {
        expect(await count(school, kind, gapColumn(field)), `${kind} ${field}`).toBe(
          lists.filter((list) => list.includes(field)).length,
        );
      }
    }
  });

  it('are exact over the whole seeded demo', async () => {
    await expectExact(await allOrganizations());
  });
});

describe('the counts follow', () => {
  it("a card's field: a gap appears and disappears; a login changes nothing", async () => {
    const learner = await completeLearner(school);
    const before = await count(school, 'STUDENT', 'gap_place_of_birth');
    const withGaps = await count(school, 'STUDENT', 'with_gaps');
    await platform.admin.sql`update people.persons set place_of_birth = '  ' where id = ${learner}`;
    expect(await count(school, 'STUDENT', 'gap_place_of_birth')).toBe(before + 1);
    expect(await count(school, 'STUDENT', 'with_gaps')).toBe(withGaps + 1);
    await platform.admin.sql`update people.persons set place_of_birth = 'г. Курган' where id = ${learner}`;
    expect(await count(school, 'STUDENT', 'gap_place_of_birth')).toBe(before);
    expect(await count(school, 'STUDENT', 'with_gaps')).toBe(withGaps);
    await platform.admin.sql`update people.persons set last_login_at = now() where id = ${learner}`;
    await expectExact([school]);
  });

  it('a new enrolment and an ended one', async () => {
    const child = await newPerson('Счётов');
    const cards = await count(school, 'STUDENT', 'cards');
    const withGaps = await count(school, 'STUDENT', 'with_gaps');
    await platform.admin.sql`
      insert into people.enrolments (person_id, organization_id, class_name, started_on)
      values (${child}, ${school}, '1А', '2025-09-01')`;
    expect(await count(school, 'STUDENT', 'cards')).toBe(cards + 1);
    // The new card has no sex, SNILS, addresses…: one more card with gaps.
    expect(await count(school, 'STUDENT', 'with_gaps')).toBe(withGaps + 1);
    await expectExact([school]);
    await platform.admin.sql`
      update people.enrolments set ended_on = '2025-10-01' where person_id = ${child} and ended_on is null`;
    expect(await count(school, 'STUDENT', 'cards')).toBe(cards);
    expect(await count(school, 'STUDENT', 'with_gaps')).toBe(withGaps);
  });

  it('a transfer to another organization, in the movement book and in one statement', async () => {
    const learner = await completeLearner(school, 1);
    const here = await count(school, 'STUDENT', 'cards');
    const there = await count(otherSchool, 'STUDENT', 'cards');
    // The movement book's way: the current enrolment ends, a new one starts, in one transaction.
    await platform.admin.sql.begin(async (tx) => {
      await tx`update people.enrolments set ended_on = '2025-10-01' where person_id = ${learner} and ended_on is null`;
      await tx`insert into people.enrolments (person_id, organization_id, class_name, started_on)
        values (${learner}, ${otherSchool}, '5А', '2025-10-02')`;
    });
    expect(await count(school, 'STUDENT', 'cards')).toBe(here - 1);
    expect(await count(otherSchool, 'STUDENT', 'cards')).toBe(there + 1);
    await platform.admin.sql`
      update people.enrolments set organization_id = ${school} where person_id = ${learner} and ended_on is null`;
    expect(await count(school, 'STUDENT', 'cards')).toBe(here);
    expect(await count(otherSchool, 'STUDENT', 'cards')).toBe(there);
    await expectExact([school, otherSchool]);
  });

  it('a transfer recorded through the movement book mutation', async () => {
    const created = await platform.query<{ createPerson: { id: string } }>(
      { login: 'admin' },
      'mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
      {
        input: {
          organizationId: school,
          processingConsent: true,
          lastName: 'Книгин',
          firstName: 'Пётр',
          birthDate: '2018-05-05',
        },
      },
    );
    expectOk(created);
    const cards = await count(school, 'STUDENT', 'cards');
    const enrolled = await platform.query(
      { login: 'admin' },
      `mutation ($input: MovementInput!) { recordMovement(input: $input) { id } }`,
      {
        input: {
          personId: created.data!.createPerson.id,
          organizationId: school,
          kind: 'ENROL',
          className: '1А',
          orderNumber: '77-у',
          orderDate: '2025-09-01',
          effectiveOn: '2025-09-01',
        },
      },
    );
    expectOk(enrolled);
    expect(await count(school, 'STUDENT', 'cards')).toBe(cards + 1);
    await expectExact([school]);
  });

  it('a new employment elsewhere, and the end of the main one, which the staff checks read everywhere', async () => {
    const [teacher] = await platform.admin.sql<{ id: string }[]>`
      select w.person_id as id from people.employments w join people.persons p on p.id = w.person_id
      where w.organization_id = ${school} and w.ended_on is null and w.is_main and p.merged_into is null
        and not exists (select 1 from people.employments x
          where x.person_id = w.person_id and x.ended_on is null and x.organization_id <> ${school})
      order by w.person_id limit 1`;
    expect(teacher).toBeTruthy();
    const staffThere = await count(otherSchool, 'STAFF', 'cards');
    const mainThere = await count(otherSchool, 'STAFF', 'gap_main_position');
    await platform.admin.sql`
      insert into people.employments (person_id, organization_id, position, is_main, started_on)
      values (${teacher!.id}, ${otherSchool}, 'Учитель', false, '2025-09-01')`;
    expect(await count(otherSchool, 'STAFF', 'cards')).toBe(staffThere + 1);
    expect(await count(otherSchool, 'STAFF', 'gap_main_position')).toBe(mainThere);
    // The main position ends at the school: the card at the other school now misses it.
    await platform.admin.sql`
      update people.employments set ended_on = '2025-12-01'
      where person_id = ${teacher!.id} and organization_id = ${school} and ended_on is null`;
    expect(await count(otherSchool, 'STAFF', 'gap_main_position')).toBe(mainThere + 1);
    await expectExact([school, otherSchool]);
    await platform.admin
      .sql`delete from people.employments where person_id = ${teacher!.id} and organization_id = ${otherSchool}`;
    expect(await count(otherSchool, 'STAFF', 'cards')).toBe(staffThere);
    await expectExact([school, otherSchool]);
  });

  it('a merge of two cards: the merged-away record is no longer counted', async () => {
    const keep = await completeLearner(school, 2);
    const duplicate = await newPerson('Двойников');
    await platform.admin.sql`
      insert into people.enrolments (person_id, organization_id, class_name, started_on)
      values (${duplicate}, ${otherSchool}, '3Б', '2025-09-01')`;
    const there = await count(otherSchool, 'STUDENT', 'cards');
    await platform.admin.sql`update people.persons set merged_into = ${keep} where id = ${duplicate}`;
    expect(await count(otherSchool, 'STUDENT', 'cards')).toBe(there - 1);
    await expectExact([school, otherSchool]);
  });

  it('consent: withdrawing it depersonalizes responses but counts the same cards', async () => {
    const learner = await completeLearner(school, 3);
    const before = await maintained([school]);
    await platform.admin.sql`
      update people.consents set withdrawn_at = now() where person_id = ${learner} and kind = 'PROCESSING'`;
    expect(await maintained([school])).toEqual(before);
    await expectExact([school]);
  });

  it('and stay exact over the whole demo after all of these', async () => {
    await expectExact(await allOrganizations());
  });
});

describe('two transactions editing one organization at once', () => {
  it('leave counts that include both changes (no count from a stale snapshot)', async () => {
    const first = await completeLearner(school, 4);
    const second = await completeLearner(school, 5);
    const before = await count(school, 'STUDENT', 'gap_snils');
    const sessions = platform.database.admin();
    const one = await sessions.sql.reserve();
    const two = await sessions.sql.reserve();
    try {
      await one`begin`;
      await two`begin`;
      // Each recounts now rather than at its commit (`set constraints … immediate`), so that the first holds
      // the school's counts while the second recounts.
      await one`update people.persons set snils = null where id = ${first}`;
      await one`set constraints people.completeness_pending_flush immediate`;
      const [{ pid } = { pid: 0 }] = await two<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await two`update people.persons set snils = null where id = ${second}`;
      // The second transaction's recount waits for the first's lock on the school's counts…
      const pending = two`set constraints people.completeness_pending_flush immediate`.execute();
      await expect
        .poll(
          async () =>
            (
              await platform.admin.sql<{ waiting: boolean }[]>`
                select wait_event_type = 'Lock' as waiting from pg_stat_activity where pid = ${pid}`
            )[0]?.waiting,
          { timeout: 10_000 },
        )
        .toBe(true);
      // …and counts after it committed, seeing its change.
      await one`commit`;
      await pending;
      await two`commit`;
    } finally {
      one.release();
      two.release();
      await sessions.close();
    }
    expect(await count(school, 'STUDENT', 'gap_snils')).toBe(before + 2);
    await expectExact([school]);
  });

  it('transfer learners in opposite directions without a deadlock, and count both at commit', async () => {
    const fromSchool = await completeLearner(school, 6);
    const fromOther = await completeLearner(otherSchool, 0);
    const here = await count(school, 'STUDENT', 'cards');
    const there = await count(otherSchool, 'STUDENT', 'cards');
    const sessions = platform.database.admin();
    const one = await sessions.sql.reserve();
    const two = await sessions.sql.reserve();
    try {
      await one`begin`;
      await two`begin`;
      await one`update people.enrolments set ended_on = '2025-10-01' where person_id = ${fromSchool} and ended_on is null`;
      await two`update people.enrolments set ended_on = '2025-10-01' where person_id = ${fromOther} and ended_on is null`;
      // Recounting at each statement, the first would hold the school and wait for the other school, the
      // second the reverse: a deadlock. Noted and recounted at commit, both go through.
      await Promise.all([
        one`insert into people.enrolments (person_id, organization_id, class_name, started_on)
          values (${fromSchool}, ${otherSchool}, '6А', '2025-10-02')`.execute(),
        two`insert into people.enrolments (person_id, organization_id, class_name, started_on)
          values (${fromOther}, ${school}, '6А', '2025-10-02')`.execute(),
      ]);
      expect(await count(school, 'STUDENT', 'cards')).toBe(here);
      await Promise.all([one`commit`.execute(), two`commit`.execute()]);
    } finally {
      one.release();
      two.release();
      await sessions.close();
    }
    expect(await count(school, 'STUDENT', 'cards')).toBe(here);
    expect(await count(otherSchool, 'STUDENT', 'cards')).toBe(there);
    await expectExact([school, otherSchool]);
    const [{ pending } = { pending: -1 }] = await platform.admin.sql<{ pending: number }[]>`
      select count(*)::int as pending from people.completeness_pending`;
    expect(pending).toBe(0);
  });
});
