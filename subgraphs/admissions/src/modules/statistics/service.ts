/**
 * Support search and campaign figures (rules 16 and 21). Both read only rows of the principal's territory;
 * the figures are aggregates, so a coordinator or the ministry sees counts, not children.
 */
import { badInput, forbidden } from '@region/kit';
import type { Executor } from '@region/db';
import { campaignCalendar, enrolmentOrderDeadline } from '../deadlines/index.ts';
import { campaignOf, type ApplicationRow } from '../applications/service.ts';
import type { ConsentLookup } from '../../people-consents.ts';
import type { AdmissionsPolicy } from '../../policy.ts';
import { consents } from '../applications/masking.ts';
import {
  applicationsByBirthCertificate,
  applicationsByEpguNumber,
  campaignCounts,
  campaignPlaces,
  type CampaignCountRow,
} from './repository.ts';

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
    return applicationsByEpguNumber(db, policy.readable(), args.epguNumber.trim(), args.registeredOn);
  }
  if (args.birthCertificateNumber) {
    const matched = await applicationsByBirthCertificate(db, policy.readable(), {
      series: args.birthCertificateSeries ? args.birthCertificateSeries.trim() : null,
      number: args.birthCertificateNumber.trim(),
    });
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
  const campaign = await campaignOf(db, year);
  const calendar = await campaignCalendar(db, year);
  const orderDeadline = enrolmentOrderDeadline(campaign, calendar);
  const rows = await campaignCounts(db, organizations, {
    year,
    kind,
    directionNotBefore: campaign.directionNotBefore,
    orderDeadline,
  });
  const places = await campaignPlaces(db, organizations, { year, kind });
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
  rows: readonly CampaignCountRow[],
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
