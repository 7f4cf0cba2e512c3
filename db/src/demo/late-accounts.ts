/**
 * The demo accounts made after the generated region (`LATE_ACCOUNTS`, account-records.ts): an account's person
 * record, ESIA link, employment, ORG_ADMIN grant and consents, drawn from a random stream of its own and
 * appended after every other people row, so adding an account moves no planted fault of the region.
 */
import { DEMO_ACCOUNTS } from './accounts.ts';
import { createAccountRecords, LATE_ACCOUNTS } from './account-records.ts';
import { addYears } from './calendar.ts';
import type { Context } from './context.ts';
import { grantRole } from './grants.ts';
import { createRandom } from './random.ts';

export function addLateAccounts(context: Context, seed: number | string): void {
  const shared = context.rng;
  context.rng = createRandom(seed, 'late-accounts');
  try {
    const accounts = DEMO_ACCOUNTS.filter((account) => LATE_ACCOUNTS.has(account.login));
    const placed = createAccountRecords(context, accounts);
    for (const staff of placed.staff) {
      const organizationId = context.catalog.organizations[staff.organizationKey];
      if (!organizationId) throw new Error(`demo: no organization ${staff.organizationKey} for ${staff.login}`);
      context.rows.employments.push({
        id: context.ids.next(),
        personId: staff.personId,
        organizationId,
        position: staff.position,
        isMain: true,
        qualificationCategory: 'FIRST',
        maternityLeave: false,
        startedOn: addYears(context.yearStart, -3),
        endedOn: null,
      });
      if (staff.admin) grantRole(context, staff.personId, 'ORG_ADMIN', { kind: 'ORGANIZATION', organizationId }, null);
    }
    for (const account of accounts) {
      const [record] = placed.records.get(account.login) ?? [];
      const link = context.rows.esiaLinks.find((candidate) => candidate.esiaOid === account.oid);
      if (!record) continue;
      const grantedAt = link?.linkedAt ?? new Date(`${context.yearStart}T09:00:00+05:00`);
      // An adult's card is made with consent to processing (rule 5); the first login asked for the transfer consent (rule 2).
      context.rows.consents.push({
        id: context.ids.next(),
        personId: record.id,
        kind: 'PROCESSING',
        grantedBy: record.id,
        grantedAt,
        withdrawnAt: null,
        withdrawnBy: null,
      });
      if (record.lastLoginAt)
        context.rows.consents.push({
          id: context.ids.next(),
          personId: record.id,
          kind: 'DATA_TRANSFER',
          grantedBy: record.id,
          grantedAt,
          withdrawnAt: null,
          withdrawnBy: null,
        });
    }
  } finally {
    context.rng = shared;
  }
}
