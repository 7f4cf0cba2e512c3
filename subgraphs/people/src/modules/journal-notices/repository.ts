/** Who hears of a journal notice (issue 15 §1): people's own rows — enrolments, guardianships, consents, settings. */
import { type Executor } from '@region/db';
import { sql } from 'drizzle-orm';
import type { PeoplePolicy } from '../../policy.ts';

export interface NoticeRecipient {
  personId: string;
  /** The learner the notice is about. */
  learnerId: string;
  /** The learner's first name: a guardian's notification names which child (their own child only). */
  learnerFirstName: string;
  /** No settings row, or in-app on. */
  inApp: boolean;
}

/** The organization, if the principal holds `notifications:write` over it. */
export async function organizationNotifiable(tx: Executor, policy: PeoplePolicy, id: string): Promise<boolean> {
  const rows = await tx.execute<{ id: string }>(sql`
    select o.id from people.organizations o
    where o.id = ${id} and ${policy.organizationsWithScope('notifications:write')}`);
  return rows.length > 0;
}

const consented = (alias: string) =>
  sql.raw(`exists (select 1 from people.consents k where k.person_id = ${alias}
    and k.kind = 'PROCESSING' and k.withdrawn_at is null)`);

/**
 * The learners a notice is about — one learner (a mark, an absence) or the class's current learners
 * (homework) — as long as they are learners of the organization now, and of them and their guardians those
 * who may be told: a learner with an active consent to processing, a guardian with one whose child has one
 * too (rule 5, as for messages). A guardianship that was withdrawn is a deleted row, so it reaches nobody.
 */
export async function noticeRecipients(
  tx: Executor,
  place: { organizationId: string; classId: string; studentId: string | null },
  kind: string,
): Promise<NoticeRecipient[]> {
  const learners = place.studentId
    ? sql`select e.person_id from people.enrolments e where e.person_id = ${place.studentId}
        and e.organization_id = ${place.organizationId} and e.ended_on is null`
    : sql`select e.person_id from people.enrolments e where e.class_id = ${place.classId}
        and e.organization_id = ${place.organizationId} and e.ended_on is null`;
  const rows = await tx.execute<{
    person_id: string;
    learner_id: string;
    learner_first_name: string;
    in_app: boolean;
  }>(sql`
    with learner as (
      select distinct c.id, c.first_name from people.persons c
      where c.id in (${learners}) and c.merged_into is null and ${consented('c.id')}
    ), recipient as (
      select l.id as person_id, l.id as learner_id, l.first_name from learner l
      union
      select g.guardian_id, l.id, l.first_name from learner l
      join people.guardianships g on g.child_id = l.id
      join people.persons gp on gp.id = g.guardian_id and gp.merged_into is null
      where ${consented('g.guardian_id')}
    )
    select r.person_id, r.learner_id, r.first_name as learner_first_name,
      coalesce(s.in_app, true) as in_app
    from recipient r
    left join people.notification_settings s on s.person_id = r.person_id and s.kind::text = ${kind}
    order by r.person_id, r.learner_id`);
  return rows.map((row) => ({
    personId: row.person_id,
    learnerId: row.learner_id,
    learnerFirstName: row.learner_first_name,
    inApp: row.in_app,
  }));
}
