/** The login's SQL (STYLE.md: repositories are plain functions; the rules live in service.ts). */
import { tables, type Executor } from '@region/db';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';

const { persons, esiaLinks, roleGrants, guardianships, enrolments, organizations, serviceAccounts, esiaProfiles } =
  tables;

export type EsiaProfileValues = Omit<typeof esiaProfiles.$inferInsert, 'esiaOid'>;

const matchColumns = { id: persons.id, normalizedName: persons.normalizedName, birthDate: persons.birthDate };
const live = isNull(persons.mergedInto);

export async function esiaProfileOf(tx: Executor, oid: string): Promise<{ birthDate: string | null } | null> {
  const [row] = await tx
    .select({ birthDate: esiaProfiles.birthDate })
    .from(esiaProfiles)
    .where(eq(esiaProfiles.esiaOid, oid));
  return row ?? null;
}

/** What ESIA said at this login, replacing what it said before. */
export async function saveEsiaProfile(tx: Executor, oid: string, values: EsiaProfileValues): Promise<void> {
  await tx
    .insert(esiaProfiles)
    .values({ esiaOid: oid, ...values })
    .onConflictDoUpdate({ target: esiaProfiles.esiaOid, set: values });
}

/** The person an ESIA account is linked to, merged or not. */
export async function linkedPerson(tx: Executor, oid: string) {
  const [row] = await tx
    .select({ ...matchColumns, mergedInto: persons.mergedInto })
    .from(esiaLinks)
    .innerJoin(persons, eq(persons.id, esiaLinks.personId))
    .where(eq(esiaLinks.esiaOid, oid));
  return row;
}

export async function livePersonById(tx: Executor, id: string) {
  const [row] = await tx
    .select(matchColumns)
    .from(persons)
    .where(and(eq(persons.id, id), live));
  return row;
}

export async function livePersonBySnils(tx: Executor, snils: string) {
  const [row] = await tx
    .select(matchColumns)
    .from(persons)
    .where(and(live, eq(persons.snils, snils)));
  return row;
}

/** Live persons with the normalized name, birth date and identity document (series compared blank as empty). */
export function livePersonsByNameBirthDocument(
  tx: Executor,
  facts: { normalizedName: string; birthDate: string; documentNumber: string; documentSeries: string | null },
) {
  return tx
    .select(matchColumns)
    .from(persons)
    .where(
      and(
        live,
        eq(persons.normalizedName, facts.normalizedName),
        eq(persons.birthDate, facts.birthDate),
        eq(persons.documentNumber, facts.documentNumber),
        sql`coalesce(${persons.documentSeries}, '') = ${facts.documentSeries ?? ''}`,
      ),
    );
}

/** Live persons with the normalized name and birth date (a missing birth date matches a missing one). */
export async function countLiveNamesakes(
  tx: Executor,
  normalizedName: string,
  birthDate: string | null,
): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(persons)
    .where(
      and(
        live,
        eq(persons.normalizedName, normalizedName),
        birthDate === null ? isNull(persons.birthDate) : eq(persons.birthDate, birthDate),
      ),
    );
  return row?.count ?? 0;
}

export async function insertEsiaLink(tx: Executor, values: typeof esiaLinks.$inferInsert): Promise<void> {
  await tx.insert(esiaLinks).values(values);
}

export async function markLoggedIn(tx: Executor, personId: string, at: Date): Promise<void> {
  await tx.update(persons).set({ lastLoginAt: at }).where(eq(persons.id, personId));
}

export function activeRoleGrants(tx: Executor, personId: string) {
  return tx
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.personId, personId), isNull(roleGrants.withdrawnAt)));
}

export function organizationsOfMunicipalities(tx: Executor, municipalityIds: readonly string[]) {
  return tx
    .select({ id: organizations.id, municipalityId: organizations.municipalityId })
    .from(organizations)
    .where(inArray(organizations.municipalityId, [...municipalityIds]));
}

/** The guardian's children whose cards are live (not merged into another). */
export async function liveChildrenOf(tx: Executor, guardianId: string): Promise<string[]> {
  const rows = await tx
    .select({ childId: guardianships.childId })
    .from(guardianships)
    .innerJoin(persons, eq(persons.id, guardianships.childId))
    .where(and(eq(guardianships.guardianId, guardianId), isNull(persons.mergedInto)));
  return rows.map((row) => row.childId);
}

export async function isEnrolled(tx: Executor, personId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.personId, personId), isNull(enrolments.endedOn)));
  return row !== undefined;
}

export async function activeServiceAccount(tx: Executor, clientId: string) {
  const [account] = await tx
    .select()
    .from(serviceAccounts)
    .where(and(eq(serviceAccounts.clientId, clientId), isNull(serviceAccounts.disabledAt)));
  return account;
}
