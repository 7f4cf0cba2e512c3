/**
 * The statistics' reads (rules 16 and 21): searches over the principal's readable applications and the
 * campaign's aggregates per organization.
 */
import { sqlRegionDate } from '@region/kit';
import { admissionsTables, type Executor } from '@region/db';
import { and, eq, sql, type SQL } from 'drizzle-orm';

const { applications } = admissionsTables;

type ApplicationRow = typeof applications.$inferSelect;

/** Applications with the ЕПГУ number registered on the region's date, among the readable ones. */
export function applicationsByEpguNumber(db: Executor, readable: SQL, epguNumber: string, registeredOn: string) {
  return db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.epguNumber, epguNumber),
        sql`${sqlRegionDate(applications.registeredAt)} = ${registeredOn}::date`,
        readable,
      ),
    );
}

/** Applications for a birth certificate (the series, when not null, compared case-insensitively), readable ones. */
export function applicationsByBirthCertificate(
  db: Executor,
  readable: SQL,
  certificate: { series: string | null; number: string },
) {
  return db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.birthCertificateNumber, certificate.number),
        certificate.series !== null
          ? sql`upper(${applications.birthCertificateSeries}) = upper(${certificate.series})`
          : undefined,
        readable,
      ),
    );
}

export interface CampaignCountRow {
  organization_id: string;
  source: ApplicationRow['source'];
  status: ApplicationRow['status'];
  applications: number;
  early: number;
  late: number;
}

/** Organizations of the territory, or every one. */
export type Territory = 'ALL' | readonly string[];

function inTerritory(column: string, organizations: Territory) {
  return organizations === 'ALL' ? sql`true` : sql`${sql.raw(column)} in ${organizations}`;
}

/**
 * Applications of a campaign per organization, source and status, with early directions (before
 * `directionNotBefore`) and late enrolment orders (after `orderDeadline`) of the priority and territory
 * categories. Each application counts for the organization it was directed to, or else its first choice.
 */
export async function campaignCounts(
  db: Executor,
  organizations: Territory,
  campaign: { year: number; kind: ApplicationRow['kind']; directionNotBefore: string; orderDeadline: string },
): Promise<readonly CampaignCountRow[]> {
  return db.execute<CampaignCountRow & Record<string, unknown>>(sql`
    with scoped as (
      select a.*, coalesce(a.directed_organization_id,
        (select c.organization_id from admissions.application_choices c where c.application_id = a.id order by c.preference limit 1)) as organization_id
      from admissions.applications a
      where a.year = ${campaign.year} and a.kind = ${campaign.kind}
    )
    select s.organization_id, s.source, s.status, count(*)::int as applications,
      count(*) filter (where s.category in ('PRIORITY', 'TERRITORY') and exists (select 1 from admissions.status_history h
        where h.application_id = s.id and h.to_status = 'DIRECTED'
          and ${sqlRegionDate(sql`h.changed_at`)} < ${campaign.directionNotBefore}::date))::int as early,
      -- Order 458 point 17 counts the term by the order's own date; rows enrolled before the date was kept
      -- fall back to the region's date of the status change.
      count(*) filter (where s.category in ('PRIORITY', 'TERRITORY') and s.status = 'ENROLLED'
        and coalesce(s.enrolment_order_date, (select max(${sqlRegionDate(sql`h.changed_at`)}) from admissions.status_history h
          where h.application_id = s.id and h.to_status = 'ENROLLED')) > ${campaign.orderDeadline}::date)::int as late
    from scoped s
    where ${inTerritory('s.organization_id', organizations)}
    group by s.organization_id, s.source, s.status`);
}

/** Places of a campaign's organizations in the territory. */
export async function campaignPlaces(
  db: Executor,
  organizations: Territory,
  campaign: { year: number; kind: ApplicationRow['kind'] },
): Promise<readonly { organization_id: string; total: number }[]> {
  return db.execute<{ organization_id: string; total: number }>(sql`
    select organization_id, total from admissions.places p
    where p.year = ${campaign.year} and p.kind = ${campaign.kind} and ${inTerritory('p.organization_id', organizations)}`);
}
