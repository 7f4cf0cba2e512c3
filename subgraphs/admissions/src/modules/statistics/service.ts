/**
 * Support search and campaign figures (rules 16 and 21). Both read only rows of the principal's territory;
 * the figures are aggregates, so a coordinator or the ministry sees counts, not children.
 */
import { badInput, forbidden, sqlRegionDate } from '@region/kit';
import { admissionsTables, type Executor } from '@region/db';
import { and, eq, sql } from 'drizzle-orm';
import { campaignCalendar, enrolmentOrderDeadline } from '../deadlines/index.ts';
import { campaignOf, type ApplicationRow } from '../applications/service.ts';
import type { ConsentLookup } from '../../people-consents.ts';
import type { AdmissionsPolicy } from '../../policy.ts';
import { consents } from '../applications/masking.ts';

const { applications } = admissionsTables;

export interface SearchArgs {
  epguNumber?: string | null;
  registeredOn?: string | null;
  birthCertificateSeries?: string | null;
  birthCertificateNumber?: string | null;
}

export async function searchApplications(
  db: Executor,
  policy: AdmissionsPolicy,
  consentsOf: ConsentLookup,
  args: SearchArgs,
) {
  if (policy.grantsWith('admissions:read').length === 0) {
    throw forbidden('Поиск заявлений доступен администрации организаций и координаторам.');
  }
  if (args.epguNumber) {
    if (!args.registeredOn)
      throw badInput('Для поиска по номеру ЕПГУ укажите дату регистрации заявления.', 'registeredOn');
    return db
      .select()
      .from(applications)
      .where(
        and(
          eq(applications.epguNumber, args.epguNumber.trim()),
          sql`${sqlRegionDate(applications.registeredAt)} = ${args.registeredOn}::date`,
          policy.readable(),
        ),
      );
  }
  if (args.birthCertificateNumber) {
    const matched = await db
      .select()
      .from(applications)
      .where(
        and(
          eq(applications.birthCertificateNumber, args.birthCertificateNumber.trim()),
          args.birthCertificateSeries
            ? sql`upper(${applications.birthCertificateSeries}) = upper(${args.birthCertificateSeries.trim()})`
            : undefined,
          policy.readable(),
        ),
      );
    // A search on personal data matches only rows the principal may see unmasked (rule 5, as people's name
    // filter): a depersonalized child's certificate finds nothing, so the answer does not say that an
    // application for that document exists. A child not matched to a card consented on ЕПГУ with it.
    const consented = await consentsOf(matched.flatMap((row) => (row.childId ? [row.childId] : [])));
    return matched.filter((row) =>
      consents(row.childId, { granted: row.childId ? consented.has(row.childId) : false }),
    );
  }
  throw badInput('Укажите номер ЕПГУ с датой регистрации или серию и номер свидетельства о рождении.', 'epguNumber');
}

export async function campaignStatistics(
  db: Executor,
  policy: AdmissionsPolicy,
  year: number,
  kind: ApplicationRow['kind'],
) {
  const organizations = policy.organizations('aggregate:read');
  if (organizations !== 'ALL' && organizations.length === 0) {
    throw forbidden('Итоги кампании доступны муниципальным и региональным координаторам и министерству.');
  }
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw badInput(`Год кампании должен быть от 2000 до 2100: ${year}.`, 'year');
  const inTerritory = (column: string) =>
    organizations === 'ALL' ? sql`true` : sql`${sql.raw(column)} in ${organizations}`;
  const campaign = await campaignOf(db, year);
  const calendar = await campaignCalendar(db, year);
  const orderDeadline = enrolmentOrderDeadline(campaign, calendar);
  // Each application counts for the organization it was directed to, or else its first choice.
  const rows = await db.execute<{
    organization_id: string;
    source: ApplicationRow['source'];
    status: ApplicationRow['status'];
    applications: number;
    early: number;
    late: number;
  }>(sql`
    with scoped as (
      select a.*, coalesce(a.directed_organization_id,
        (select c.organization_id from admissions.application_choices c where c.application_id = a.id order by c.preference limit 1)) as organization_id
      from admissions.applications a
      where a.year = ${year} and a.kind = ${kind}
    )
    select s.organization_id, s.source, s.status, count(*)::int as applications,
      count(*) filter (where s.category in ('PRIORITY', 'TERRITORY') and exists (select 1 from admissions.status_history h
        where h.application_id = s.id and h.to_status = 'DIRECTED'
          and ${sqlRegionDate(sql`h.changed_at`)} < ${campaign.directionNotBefore}::date))::int as early,
      -- Order 458 point 17 counts the term by the order's own date; rows enrolled before the date was kept
      -- fall back to the region's date of the status change.
      count(*) filter (where s.category in ('PRIORITY', 'TERRITORY') and s.status = 'ENROLLED'
        and coalesce(s.enrolment_order_date, (select max(${sqlRegionDate(sql`h.changed_at`)}) from admissions.status_history h
          where h.application_id = s.id and h.to_status = 'ENROLLED')) > ${orderDeadline}::date)::int as late
    from scoped s
    where ${inTerritory('s.organization_id')}
    group by s.organization_id, s.source, s.status`);
  const places = await db.execute<{ organization_id: string; total: number }>(sql`
    select organization_id, total from admissions.places p
    where p.year = ${year} and p.kind = ${kind} and ${inTerritory('p.organization_id')}`);
  const { source, decree } = calendar.sourceOf(Number(orderDeadline.slice(0, 4)));
  return {
    ...summarize(year, kind, rows, places),
    enrolmentOrderDeadline: orderDeadline,
    calendarSource: source,
    calendarDecree: decree,
  };
}

function summarize(
  year: number,
  kind: ApplicationRow['kind'],
  rows: readonly {
    organization_id: string;
    source: ApplicationRow['source'];
    status: ApplicationRow['status'];
    applications: number;
    early: number;
    late: number;
  }[],
  places: readonly { organization_id: string; total: number }[],
) {
  const sum = (list: readonly { applications: number }[]) => list.reduce((total, row) => total + row.applications, 0);
  const total = sum(rows);
  const fromEpgu = sum(rows.filter((row) => row.source === 'EPGU'));
  const group = <K extends string>(key: (row: (typeof rows)[number]) => K) => {
    const counts = new Map<K, number>();
    for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + row.applications);
    return [...counts];
  };
  const organizationIds = [
    ...new Set([...rows.map((row) => row.organization_id), ...places.map((p) => p.organization_id)]),
  ];
  return {
    year,
    kind,
    total,
    fromEpgu,
    epguShare: total ? Math.round((fromEpgu / total) * 1000) / 10 : null,
    bySource: group((row) => row.source).map(([source, count]) => ({ source, count })),
    byStatus: group((row) => row.status).map(([status, count]) => ({ status, count })),
    organizations: organizationIds.map((organizationId) => {
      const own = rows.filter((row) => row.organization_id === organizationId);
      const capacity = places.find((p) => p.organization_id === organizationId)?.total ?? 0;
      const taken = sum(own.filter((row) => row.status === 'DIRECTED' || row.status === 'ENROLLED'));
      return {
        organization: { __typename: 'Organization', id: organizationId },
        applications: sum(own),
        places: capacity,
        placesTaken: taken,
        placesFilledPercent: capacity ? Math.round((taken / capacity) * 1000) / 10 : null,
        earlyDirections: own.reduce((n, row) => n + row.early, 0),
        lateOrders: own.reduce((n, row) => n + row.late, 0),
      };
    }),
  };
}
