/**
 * Saved reports per person (issue 12), shareable within the same territory. A saved report is only a
 * definition: whoever opens it runs it with their own principal (`buildReport` with the opener's policy),
 * so a shared report answers the opener exactly what their own `report` would — never the saver's rows.
 */
import type { Database, Executor } from '@region/db';
import { AppError, badInput, forbidden, notFound, regionDate } from '@region/kit';
import type { AnalyticsPolicy } from '../../policy.ts';
import { organizationMunicipalities } from '../reports/repository.ts';
import { planReport, type ReportInput } from '../reports/service.ts';
import {
  deleteSavedReport,
  findSavedReport,
  insertSavedReport,
  listSavedReports,
  updateSavedReport,
  type SavedReportDefinition,
  type SavedReportRow,
  type Territory,
} from './repository.ts';

const WHAT = 'Сохранённый отчёт';

/** Saved reports belong to persons: a service account has none. */
function ownerOf(policy: AnalyticsPolicy): string {
  const principal = policy.principal;
  if (principal.kind !== 'PERSON') throw forbidden('Сохранять отчёты могут только пользователи.');
  if (!policy.holds('reports:read'))
    throw forbidden('Конструктор отчётов доступен аналитикам, координаторам и администрации организаций.');
  return principal.personId;
}

/** The principal's `reports:read` territory with the municipalities of its organizations (from the contract). */
export async function territoryOf(readDb: Executor, policy: AnalyticsPolicy): Promise<Territory> {
  const scope = policy.reportScope();
  const municipalityOf = await organizationMunicipalities(readDb, scope.organizationIds);
  return {
    region: scope.region,
    municipalityIds: [...new Set(scope.municipalityIds)],
    organizationIds: [...new Set(scope.organizationIds)],
    organizationMunicipalityIds: [...new Set(municipalityOf.values())],
  };
}

export function definitionOf(input: ReportInput): SavedReportDefinition {
  return {
    dataset: input.dataset,
    dimensions: [...input.dimensions],
    measures: [...input.measures],
    filters: (input.filters ?? []).map((filter) => ({ dimension: filter.dimension, values: [...filter.values] })),
    sort: (input.sort ?? []).map((entry) => ({
      dimension: entry.dimension ?? null,
      measure: entry.measure ?? null,
      descending: entry.descending ?? false,
    })),
    limit: input.limit ?? null,
    on: input.on ?? null,
    ageOn: input.ageOn ?? null,
    from: input.from ?? null,
    to: input.to ?? null,
  };
}

/** The saved definition as `report` takes it; it is checked against the catalogue again when it runs. */
export function inputOf(definition: SavedReportDefinition): ReportInput {
  return definition as unknown as ReportInput;
}

export async function savedReports(deps: { db: Database; readDb: Executor }, policy: AnalyticsPolicy) {
  const owner = ownerOf(policy);
  return listSavedReports(deps.db, owner, await territoryOf(deps.readDb, policy));
}

export async function savedReport(deps: { db: Database; readDb: Executor }, policy: AnalyticsPolicy, id: string) {
  const owner = ownerOf(policy);
  if (!isUuid(id)) throw notFound(WHAT);
  const row = await findSavedReport(deps.db, id, owner, await territoryOf(deps.readDb, policy));
  if (!row) throw notFound(WHAT);
  return row;
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function saveReport(
  deps: { db: Database; readDb: Executor; now: Date },
  policy: AnalyticsPolicy,
  input: { id?: string | null; title: string; report: ReportInput; shared?: boolean | null },
): Promise<SavedReportRow> {
  const owner = ownerOf(policy);
  const title = input.title.trim();
  if (title.length === 0 || title.length > 200) throw badInput('Название отчёта: от 1 до 200 знаков.', 'title');
  // The same checks as `report`: a definition that could never run is refused when saved.
  planReport(input.report, regionDate(deps.now));
  const row = {
    ownerId: owner,
    title,
    definition: definitionOf(input.report),
    shared: input.shared ?? false,
    scope: await territoryOf(deps.readDb, policy),
  };
  if (!input.id) return insertSavedReport(deps.db, row);
  if (!isUuid(input.id)) throw notFound(WHAT);
  const updated = await updateSavedReport(deps.db, input.id, row);
  if (updated) return updated;
  // Someone else's shared report is visible but not theirs to change.
  const visible = await findSavedReport(deps.db, input.id, owner, row.scope);
  if (visible) throw new AppError('FORBIDDEN', 'Изменить можно только свой сохранённый отчёт.', { field: 'id' });
  throw notFound(WHAT);
}

export async function removeSavedReport(
  deps: { db: Database; readDb: Executor },
  policy: AnalyticsPolicy,
  id: string,
): Promise<string> {
  const owner = ownerOf(policy);
  if (!isUuid(id)) throw notFound(WHAT);
  if (await deleteSavedReport(deps.db, id, owner)) return id;
  const visible = await findSavedReport(deps.db, id, owner, await territoryOf(deps.readDb, policy));
  if (visible) throw new AppError('FORBIDDEN', 'Удалить можно только свой сохранённый отчёт.', { field: 'id' });
  throw notFound(WHAT);
}
