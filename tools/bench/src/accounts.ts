/**
 * Guardians the bench plants in its own database: one with 1, one with 2 and one with 5 children, each linked to
 * an ESIA oid of the bench's own range (91000000xx) so the bench signs their tokens itself with the dev ESIA
 * keys. The demo region has no guardian of five, and its rows are counted by hand in tests, so the bench adds
 * these to the database it benchmarks rather than to the demo generator. The children are the same learners in
 * every case (the first child of all three is one learner, …), so the operations differ only in how many
 * children they cover. Idempotent: a database planted before is left as it is.
 */
import postgres from 'postgres';

export const GUARDIAN_SIZES = [1, 2, 5] as const;
export type GuardianSize = (typeof GUARDIAN_SIZES)[number];

export const benchGuardianOid = (children: GuardianSize) => `91000000${String(children).padStart(2, '0')}`;

export async function plantGuardians(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // Learners of a school with lessons, consented to processing (else depersonalized, rule 5), one per class,
    // so each child adds a class's diary and portfolio.
    const children = await sql<{ id: string }[]>`
      select id from (
        select distinct on (e.class_id) e.person_id as id, e.class_id
        from people.enrolments e
        join people.organizations o on o.id = e.organization_id and o.type = 'SCHOOL'
        where e.ended_on is null and e.class_id is not null
          and exists (select 1 from learning.lessons l where l.class_id = e.class_id)
          and exists (select 1 from people.consents c
                      where c.person_id = e.person_id and c.kind = 'PROCESSING' and c.withdrawn_at is null)
        order by e.class_id, e.person_id
      ) one_per_class
      order by class_id
      limit 5`;
    if (children.length < 5)
      throw new Error(`The dataset has ${children.length} consented learners in classes; need 5.`);
    await sql.begin(async (tx) => {
      for (const size of GUARDIAN_SIZES) {
        const oid = benchGuardianOid(size);
        const [linked] = await tx`select 1 from people.esia_links where esia_oid = ${oid}`;
        if (linked) continue;
        const firstName = `Родитель${size}`;
        const [guardian] = await tx<{ id: string }[]>`
          insert into people.persons (last_name, first_name, normalized_name, birth_date, sex, citizenship)
          values ('Нагрузочный', ${firstName}, ${`нагрузочный ${firstName.toLowerCase()}`}, '1985-01-01', 'FEMALE', 'RUS')
          returning id`;
        const guardianId = guardian!.id;
        await tx`insert into people.esia_links (esia_oid, person_id, method) values (${oid}, ${guardianId}, 'OID')`;
        // What ESIA said at the last login: without it the login asks ESIA's person API again (rule 12).
        await tx`insert into people.esia_profiles (esia_oid, last_name, first_name, birth_date)
                 values (${oid}, 'Нагрузочный', ${firstName}, '1985-01-01')`;
        for (const kind of ['PROCESSING', 'DATA_TRANSFER']) {
          await tx`insert into people.consents (person_id, kind, granted_by)
                   values (${guardianId}, ${kind}::people.consent_kind, ${guardianId})`;
        }
        for (const child of children.slice(0, size)) {
          await tx`insert into people.guardianships (guardian_id, child_id) values (${guardianId}, ${child.id})`;
        }
      }
    });
  } finally {
    await sql.end();
  }
}
