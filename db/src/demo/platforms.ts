/**
 * Сферум and ФГИС «Моя школа» in the demo region (DOMAIN.md rules 21 and 24, seed 000): which organizations
 * are there and with what status, and which staff members and learners have registered, and when. Drawn
 * from a hash of each id, so a seed always gives the same region and nothing else of the generator moves;
 * some organizations are missing and some registrations come after the 25 September deadline, as in the
 * seed's lists of lagging organizations.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';

/** A stable number 0…999 from an id and a salt. */
const draw = (column: string, salt: string) =>
  `(('x' || substr(md5(${column}::text || ${salt}), 1, 7))::bit(28)::int % 1000)`;

export async function registerOnPlatforms(db: Executor, schoolYear: number): Promise<void> {
  const start = `${schoolYear}-09-01`;
  // Organizations: one in ten is missing from Сферум and one in ten is still pending; «Моя школа» is for
  // general education (schools), one in eight is not registered there yet.
  await db.execute(
    sql.raw(`insert into people.platform_organizations (organization_id, platform, status, registered_on)
    select o.id, 'SFERUM'::people.external_platform, case when ${draw('o.id', "'sferum'")} < 200 then 'PENDING' else 'ACTIVE' end::people.platform_organization_status,
      date '${start}' - 300 + ${draw('o.id', "'sferum-on'")} % 300
    from people.organizations o where ${draw('o.id', "'sferum'")} >= 100
    union all
    select o.id, 'MY_SCHOOL', 'ACTIVE', date '${start}' - 200 + ${draw('o.id', "'school-on'")} % 220
    from people.organizations o where o.type = 'SCHOOL' and ${draw('o.id', "'school'")} >= 125`),
  );
  // People: staff members and learners of the year, four in five in Сферум and most of them in «Моя
  // школа», registered within the autumn's first eight weeks.
  await db.execute(
    sql.raw(`insert into people.platform_accounts (person_id, platform, registered_on)
    select c.person_id, pl.platform::people.external_platform, date '${start}' + ${draw('c.person_id', "'on'")} % 56
    from (select person_id from people.employments where ended_on is null
          union select person_id from people.enrolments where ended_on is null) c
    cross join (values ('SFERUM', 200), ('MY_SCHOOL', 300)) pl(platform, missing)
    where ${draw('c.person_id', 'pl.platform')} >= pl.missing`),
  );
}
