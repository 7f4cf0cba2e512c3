import { findAccountByLogin } from '@region/db/demo/accounts';
import { normalizeFullName } from '@region/db/normalize';
import type { DbHandle } from '@region/db';

/** The person record of a demo account (by normalized full name and birth date, as the generator made it). */
export async function personIdOf(admin: DbHandle, login: string): Promise<string> {
  const account = findAccountByLogin(login);
  if (!account) throw new Error(`no demo account ${login}`);
  const { lastName, firstName, middleName, birthDate } = account.profile;
  const rows = await admin.sql<{ id: string }[]>`
    select id from people.persons
    where normalized_name = ${normalizeFullName(lastName, firstName, middleName ?? null)}
      and birth_date = ${birthDate} and merged_into is null`;
  if (rows.length !== 1) throw new Error(`${login}: expected one person record, found ${rows.length}`);
  return rows[0]!.id;
}
