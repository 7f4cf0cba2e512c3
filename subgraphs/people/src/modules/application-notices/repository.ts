/** Who hears of an application's status change (issue 15 §1): people's own rows — the applicant, consents, settings. */
import { type Executor } from '@region/db';
import { sql } from 'drizzle-orm';

export interface ApplicantRecipient {
  personId: string;
  /** The child's first name from the card, when the application names a linked child. */
  childFirstName: string | null;
  /** No settings row, or in-app on. */
  inApp: boolean;
}

/**
 * The applicant, if they may be told: a live card with an active consent to processing (rule 5, as for journal
 * notices) and, when the application names a child, still that child's guardian — a withdrawn guardianship is
 * a deleted row, so a former guardian hears nothing more of the child's placement.
 */
export async function applicantRecipient(
  tx: Executor,
  of: { applicantId: string; childId: string | null },
): Promise<ApplicantRecipient | undefined> {
  const child = of.childId
    ? sql`join people.guardianships g on g.guardian_id = p.id and g.child_id = ${of.childId}
        join people.persons c on c.id = g.child_id and c.merged_into is null`
    : sql``;
  const rows = await tx.execute<{ person_id: string; child_first_name: string | null; in_app: boolean }>(sql`
    select p.id as person_id, ${of.childId ? sql`c.first_name` : sql`null::text`} as child_first_name,
      coalesce(s.in_app, true) as in_app
    from people.persons p
    ${child}
    left join people.notification_settings s on s.person_id = p.id and s.kind = 'APPLICATION'
    where p.id = ${of.applicantId} and p.merged_into is null
      and exists (select 1 from people.consents k where k.person_id = p.id
        and k.kind = 'PROCESSING' and k.withdrawn_at is null)`);
  const [row] = rows;
  return row && { personId: row.person_id, childFirstName: row.child_first_name, inApp: row.in_app };
}
