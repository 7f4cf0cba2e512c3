/**
 * Announcements' SQL (issue 15 §1). An announcement reaches a principal through ONE of its grants at a time
 * (DOMAIN.md rule 5a): a parent's grant reaches the announcements for guardians of her children's school,
 * class or municipality; a learner's for learners of their own; a staff grant for staff of its own school (a
 * class's teachers for a class announcement). Fan-out to the bell uses the same relations as people's rows
 * that grants are made of (guardianships, current enrolments, role grants), in one statement.
 */
import { communicationTables, type Executor } from '@region/db';
import type { Grant } from '@region/schema';
import { sql, type SQL } from 'drizzle-orm';

const { announcements } = communicationTables;

export type AnnouncementScope = 'ORGANIZATION' | 'CLASS' | 'MUNICIPALITY';
export type AnnouncementAudience = 'GUARDIANS' | 'LEARNERS' | 'STAFF';

export type AnnouncementRow = {
  id: string;
  scope: AnnouncementScope;
  audiences: AnnouncementAudience[];
  title: string;
  body: string;
  validFrom: string;
  validTo: string;
  targetTitle: string;
  authorTitle: string;
  createdAt: Date;
};

/** Does an enrolment `e` (current) fall under announcement `a`'s target? */
const ENROLMENT_UNDER_TARGET = sql.raw(`(
  (a.scope = 'ORGANIZATION' and e.organization_id = a.organization_id)
  or (a.scope = 'CLASS' and e.class_id = a.class_id)
  or (a.scope = 'MUNICIPALITY' and exists (select 1 from people.organizations o
        where o.id = e.organization_id and o.municipality_id = a.municipality_id)))`);

/** The announcements (alias `a`) one grant reaches; null: none. */
function announcementsUnderGrant(grant: Grant, self: string): SQL | null {
  const territory = grant.territory;
  switch (grant.role) {
    case 'GUARDIAN':
      if (territory.kind !== 'CHILDREN' || territory.personIds.length === 0) return null;
      return sql`('GUARDIANS' = any(a.audiences) and exists (select 1 from people.enrolments e
        where e.person_id in ${territory.personIds} and e.ended_on is null and ${ENROLMENT_UNDER_TARGET}))`;
    case 'STUDENT':
      if (territory.kind !== 'SELF') return null;
      return sql`('LEARNERS' = any(a.audiences) and exists (select 1 from people.enrolments e
        where e.person_id = ${self} and e.ended_on is null and ${ENROLMENT_UNDER_TARGET}))`;
    case 'ORG_ADMIN':
      if (territory.kind !== 'ORGANIZATION') return null;
      return sql`('STAFF' = any(a.audiences) and (
        (a.scope = 'ORGANIZATION' and a.organization_id = ${territory.organizationId})
        or (a.scope = 'MUNICIPALITY' and exists (select 1 from people.organizations o
              where o.id = ${territory.organizationId} and o.municipality_id = a.municipality_id))))`;
    case 'TEACHER':
    case 'CLASS_TEACHER':
      if (territory.kind !== 'CLASS') return null;
      return sql`('STAFF' = any(a.audiences) and (
        (a.scope = 'ORGANIZATION' and a.organization_id = ${territory.organizationId})
        or (a.scope = 'CLASS' and a.class_id = ${territory.classId})
        or (a.scope = 'MUNICIPALITY' and exists (select 1 from people.organizations o
              where o.id = ${territory.organizationId} and o.municipality_id = a.municipality_id))))`;
    default:
      return null;
  }
}

const ROW = sql`a.id, a.scope, a.audiences::text[] as audiences, a.title, a.body, a.valid_from::text as "validFrom",
  a.valid_to::text as "validTo", a.created_at as "createdAt",
  case a.scope
    when 'MUNICIPALITY' then (select m.name from people.municipalities m where m.id = a.municipality_id)
    when 'CLASS' then coalesce((select e.class_name from people.enrolments e where e.class_id = a.class_id
        order by e.ended_on nulls first limit 1), 'класс') || ' — ' || org.short_name
    else org.short_name end as "targetTitle",
  au.last_name || ' ' || left(au.first_name, 1) || '.' || coalesce(' ' || left(au.middle_name, 1) || '.', '') as "authorTitle"`;

const FROM = sql`people.announcements a
  left join people.organizations org on org.id = a.organization_id
  join people.persons au on au.id = a.author_id`;

function rows(result: Iterable<AnnouncementRow>): AnnouncementRow[] {
  return [...result].map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** Announcements valid on `today` (a region date) that one of the grants reaches, newest first. */
export async function announcementsFor(
  db: Executor,
  grants: readonly Grant[],
  self: string,
  today: string,
): Promise<AnnouncementRow[]> {
  const reaches = grants.map((grant) => announcementsUnderGrant(grant, self)).filter((s): s is SQL => s !== null);
  if (reaches.length === 0) return [];
  return rows(
    await db.execute<AnnouncementRow>(sql`select ${ROW} from ${FROM}
      where a.valid_from <= ${today}::date and ${today}::date <= a.valid_to
        and (${sql.join(reaches, sql` or `)})
      order by a.valid_from desc, a.created_at desc limit 50`),
  );
}

export async function announcementsBy(db: Executor, authorId: string): Promise<AnnouncementRow[]> {
  return rows(
    await db.execute<AnnouncementRow>(sql`select ${ROW} from ${FROM}
      where a.author_id = ${authorId} order by a.created_at desc limit 100`),
  );
}

export async function announcementById(db: Executor, id: string): Promise<AnnouncementRow | null> {
  const [row] = rows(await db.execute<AnnouncementRow>(sql`select ${ROW} from ${FROM} where a.id = ${id}`));
  return row ?? null;
}

export async function insertAnnouncement(tx: Executor, values: typeof announcements.$inferInsert): Promise<string> {
  const [row] = await tx.insert(announcements).values(values).returning({ id: announcements.id });
  return row!.id;
}

/** The announcement `a` and its audience as of publishing (guardianships, current enrolments, role grants). */
const audienceOf = (announcementId: string) => sql`
    with a as (select * from people.announcements where id = ${announcementId}),
    audience as (
      select gs.guardian_id as person_id from a, people.guardianships gs
        join people.enrolments e on e.person_id = gs.child_id and e.ended_on is null
        where 'GUARDIANS' = any(a.audiences) and ${ENROLMENT_UNDER_TARGET}
      union
      select e.person_id from a, people.enrolments e
        where 'LEARNERS' = any(a.audiences) and e.ended_on is null and ${ENROLMENT_UNDER_TARGET}
      union
      select g.person_id from a, people.role_grants g
        where 'STAFF' = any(a.audiences) and g.withdrawn_at is null
          and g.role in ('ORG_ADMIN', 'TEACHER', 'CLASS_TEACHER') and (
            (a.scope = 'ORGANIZATION' and g.organization_id = a.organization_id)
            or (a.scope = 'CLASS' and g.class_id = a.class_id)
            or (a.scope = 'MUNICIPALITY' and exists (select 1 from people.organizations o
                  where o.id = g.organization_id and o.municipality_id = a.municipality_id))))`;

/**
 * One bell notification per person of the announcement's audience (as of publishing), shown from its first
 * day; the author and those who turned announcement notifications off are left out. Those of the audience who
 * chose e-mail for announcements get a copy at once (`email_outbox`, issue 15 §1): the title and the dates.
 */
export async function fanOutAnnouncement(tx: Executor, announcementId: string): Promise<void> {
  await tx.execute(sql`${audienceOf(announcementId)}
    insert into people.notifications (person_id, kind, title, announcement_id, visible_from)
    select audience.person_id, 'ANNOUNCEMENT', 'Объявление: ' || a.title, a.id, a.valid_from
    from audience, a
    where audience.person_id <> a.author_id
      and not exists (select 1 from people.notification_settings s
        where s.person_id = audience.person_id and s.kind = 'ANNOUNCEMENT' and not s.in_app)`);
  await tx.execute(sql`${audienceOf(announcementId)}
    insert into people.email_outbox (person_id, event, payload)
    select p.id, 'NOTIFICATION_EMAIL', jsonb_build_object('to', btrim(p.email), 'kind', 'ANNOUNCEMENT',
      'subject', 'Объявление: ' || a.title,
      'text', 'Объявление: ' || a.title || E'\n\nДействует с ' || to_char(a.valid_from, 'DD.MM.YYYY') || ' по '
        || to_char(a.valid_to, 'DD.MM.YYYY') || E'. Текст объявления — в личном кабинете.')
    from audience
    join a on audience.person_id <> a.author_id
    join people.persons p on p.id = audience.person_id and p.merged_into is null
    join people.notification_settings s on s.person_id = p.id and s.kind = 'ANNOUNCEMENT' and s.email
    where p.email is not null and btrim(p.email) <> ''`);
}

/** Names of targets for the form: organizations' short names, a class's name, a municipality's name. */
export async function targetTitles(
  db: Executor,
  ids: { organizationIds: string[]; classIds: string[]; municipalityIds: string[] },
): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const none = sql`array[]::uuid[]`;
  const arr = (values: string[]) =>
    values.length
      ? sql`array[${sql.join(
          values.map((v) => sql`${v}::uuid`),
          sql`, `,
        )}]`
      : none;
  const result = await db.execute<{ id: string; title: string }>(sql`
    select o.id, o.short_name as title from people.organizations o where o.id = any(${arr(ids.organizationIds)})
    union all
    select m.id, m.name from people.municipalities m where m.id = any(${arr(ids.municipalityIds)})
    union all
    select distinct on (e.class_id) e.class_id, e.class_name from people.enrolments e
      where e.class_id = any(${arr(ids.classIds)}) and e.class_name is not null`);
  for (const row of result) titles.set(row.id, row.title);
  return titles;
}
