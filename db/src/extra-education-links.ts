/**
 * People's extra-education links (`people.extra_education_links`, issue 11) derived from extra-education's
 * applications and contracts as they stand — for rows written before the outbox told people (the demo
 * region's, and a database migrated with applications in it). The same rule as extra-education's
 * `modules/enrolment/people-links.ts`: open while the application is SUBMITTED/ACCEPTED or its contract
 * active; an ended contract 30 days after its end; a REFUSED/WITHDRAWN application the region's day of the
 * change. `changed_at` is the application's last change, so a live message that follows replaces it. The
 * hand-written migration `0019_extra_education_links_backfill.sql` runs the same statement.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from './client.ts';

export async function backfillExtraEducationLinks(db: Executor): Promise<void> {
  await db.execute(sql`
    insert into people.extra_education_links (application_id, person_id, organization_id, visible_until, changed_at)
    select a.id, a.child_id, a.organization_id,
      case
        when a.status in ('SUBMITTED', 'ACCEPTED') then null
        when a.status = 'ENROLLED' then c.ended_on + 30
        else (a.updated_at at time zone 'Asia/Yekaterinburg')::date
      end,
      a.updated_at
    from extra_education.applications a
    left join extra_education.contracts c on c.application_id = a.id
    where exists (select 1 from people.persons p where p.id = a.child_id)
      and exists (select 1 from people.organizations o where o.id = a.organization_id)
    on conflict (application_id) do nothing`);
}
