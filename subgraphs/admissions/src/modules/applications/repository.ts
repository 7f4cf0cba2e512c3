import { admissionsTables, type Executor } from '@region/db';
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AdmissionsPolicy } from '../../policy.ts';

const { applications, applicationChoices, statusHistory, outbox, campaigns, places } = admissionsTables;

type ApplicationRow = typeof applications.$inferSelect;
type NewApplication = typeof applications.$inferInsert;

export function loadApplications(db: Executor, policy: AdmissionsPolicy, ids: readonly string[]) {
  return db
    .select()
    .from(applications)
    .where(and(inArray(applications.id, [...ids]), policy.readable()));
}

/** Applications where the person is the applicant or the child. */
export function applicationsOfPersons(db: Executor, policy: AdmissionsPolicy, personIds: readonly string[]) {
  return db
    .select()
    .from(applications)
    .where(
      and(
        or(inArray(applications.applicantId, [...personIds]), inArray(applications.childId, [...personIds])),
        policy.readable(),
      ),
    )
    .orderBy(desc(applications.registeredAt));
}

export function applicationsToOrganization(
  db: Executor,
  policy: AdmissionsPolicy,
  organizationId: string,
  filter: { status?: string | null },
  page: { first: number; after: string | null },
) {
  return db
    .select()
    .from(applications)
    .where(
      and(
        policy.readable(),
        sql`(${applications.directedOrganizationId} = ${organizationId} or exists (select 1 from admissions.application_choices c
          where c.application_id = ${applications.id} and c.organization_id = ${organizationId}))`,
        filter.status ? sql`${applications.status} = ${filter.status}` : undefined,
        page.after ? lt(applications.id, page.after) : undefined,
      ),
    )
    .orderBy(desc(applications.id))
    .limit(page.first + 1);
}

export function choicesOf(db: Executor, applicationIds: readonly string[]) {
  return db
    .select()
    .from(applicationChoices)
    .where(inArray(applicationChoices.applicationId, [...applicationIds]))
    .orderBy(asc(applicationChoices.preference));
}

export function historyOf(db: Executor, applicationIds: readonly string[]) {
  return db
    .select()
    .from(statusHistory)
    .where(inArray(statusHistory.applicationId, [...applicationIds]))
    .orderBy(asc(statusHistory.changedAt), asc(statusHistory.id));
}

/** A campaign's dates as the region set them, if it did. */
export async function campaignRow(tx: Executor, year: number): Promise<typeof campaigns.$inferSelect | undefined> {
  const [row] = await tx.select().from(campaigns).where(eq(campaigns.year, year));
  return row;
}

/** Of the given organizations, those that published places of this kind for some campaign. */
export async function organizationsWithPlaces(
  tx: Executor,
  kind: ApplicationRow['kind'],
  organizationIds: readonly string[],
): Promise<Set<string>> {
  const known = await tx
    .selectDistinct({ organizationId: places.organizationId })
    .from(places)
    .where(and(inArray(places.organizationId, [...organizationIds]), eq(places.kind, kind)));
  return new Set(known.map((row) => row.organizationId));
}

/** The child's application of this kind and year that is neither rejected nor withdrawn. */
export async function openApplicationOf(
  tx: Executor,
  of: { childId: string; kind: ApplicationRow['kind']; year: number },
): Promise<{ id: string } | undefined> {
  const [open] = await tx
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.childId, of.childId),
        eq(applications.kind, of.kind),
        eq(applications.year, of.year),
        sql`${applications.status} not in ('REJECTED', 'WITHDRAWN')`,
      ),
    );
  return open;
}

export async function insertApplication(tx: Executor, values: NewApplication): Promise<ApplicationRow> {
  const [created] = await tx.insert(applications).values(values).returning();
  return created!;
}

/**
 * An application from ЕПГУ, unless one with its number is stored: the unique index on the number decides
 * between concurrent deliveries, and the loser gets `undefined`.
 */
export async function insertEpguApplicationOnce(
  tx: Executor,
  values: NewApplication & { epguNumber: string },
): Promise<ApplicationRow | undefined> {
  const [created] = await tx
    .insert(applications)
    .values(values)
    .onConflictDoNothing({ target: applications.epguNumber, where: sql`${applications.epguNumber} is not null` })
    .returning();
  return created;
}

export async function applicationByEpguNumber(tx: Executor, epguNumber: string): Promise<ApplicationRow | undefined> {
  const [stored] = await tx.select().from(applications).where(eq(applications.epguNumber, epguNumber));
  return stored;
}

/** The organizations chosen, in the order of preference (the first is preference 1). */
export async function insertChoices(
  tx: Executor,
  applicationId: string,
  organizationIds: readonly string[],
): Promise<void> {
  await tx.insert(applicationChoices).values(
    organizationIds.map((organizationId, index) => ({
      applicationId,
      organizationId,
      preference: index + 1,
    })),
  );
}

export async function insertStatusHistory(tx: Executor, values: typeof statusHistory.$inferInsert): Promise<void> {
  await tx.insert(statusHistory).values(values);
}

/** A message for the outbox worker, written in the transaction of the change. */
export async function insertOutboxMessage(tx: Executor, values: typeof outbox.$inferInsert): Promise<void> {
  await tx.insert(outbox).values(values);
}

/**
 * An `APPLICATION_NOTICE` for people (issue 15 §1), in the transaction of the status change: what people needs
 * to tell the applicant, with the organization that decides (the one directed to, else the first choice) so
 * people can check the notice is from the service account's territory.
 */
export async function insertApplicationNotice(
  tx: Executor,
  application: ApplicationRow,
  status: string,
): Promise<void> {
  await tx.execute(sql`
    insert into ${outbox} (application_id, event, payload)
    select a.id, 'APPLICATION_NOTICE', jsonb_build_object(
      'applicationId', a.id, 'organizationId', coalesce(a.directed_organization_id, first_choice.organization_id),
      'applicantId', a.applicant_id, 'childId', a.child_id, 'kind', a.kind, 'year', a.year,
      'epguNumber', a.epgu_number, 'status', ${status}::text)
    from admissions.applications a
    left join lateral (select c.organization_id from admissions.application_choices c
      where c.application_id = a.id order by c.preference limit 1) first_choice on true
    where a.id = ${application.id} and a.applicant_id is not null
      and coalesce(a.directed_organization_id, first_choice.organization_id) is not null`);
}

/** The places an organization published for the application's year and kind, if it did. */
export async function placesTotal(
  tx: Executor,
  organizationId: string,
  of: { year: number; kind: ApplicationRow['kind'] },
): Promise<number | undefined> {
  const [capacity] = await tx
    .select({ total: places.total })
    .from(places)
    .where(and(eq(places.organizationId, organizationId), eq(places.year, of.year), eq(places.kind, of.kind)));
  return capacity?.total;
}

/** Applications of the year and kind directed to or enrolled in the organization. */
export async function placesTaken(
  tx: Executor,
  organizationId: string,
  of: { year: number; kind: ApplicationRow['kind'] },
): Promise<number | undefined> {
  const [taken] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(applications)
    .where(
      and(
        eq(applications.directedOrganizationId, organizationId),
        eq(applications.year, of.year),
        eq(applications.kind, of.kind),
        inArray(applications.status, ['DIRECTED', 'ENROLLED']),
      ),
    );
  return taken?.count;
}

/** A readable application, locked for its status change. */
export async function lockApplication(tx: Executor, readable: SQL, id: string): Promise<ApplicationRow | undefined> {
  const [application] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.id, id), readable))
    .for('update');
  return application;
}

/** An application's choices, in no particular order. */
export function choicesOfApplication(tx: Executor, applicationId: string) {
  return tx.select().from(applicationChoices).where(eq(applicationChoices.applicationId, applicationId));
}

export async function updateApplication(
  tx: Executor,
  id: string,
  set: Partial<NewApplication>,
): Promise<ApplicationRow> {
  const [updated] = await tx.update(applications).set(set).where(eq(applications.id, id)).returning();
  return updated!;
}
