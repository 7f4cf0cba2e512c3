import { admissionsTables, type Executor } from '@region/db';
import { and, asc, desc, inArray, lt, or, sql } from 'drizzle-orm';
import type { AdmissionsPolicy } from '../../policy.ts';

const { applications, applicationChoices, statusHistory } = admissionsTables;

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
