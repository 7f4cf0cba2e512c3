/**
 * ЕПГУ intake (DOMAIN.md rule 16): applications handed over by a service account with `admissions:intake`,
 * stored once per ЕПГУ number. The unique index on the number decides between concurrent deliveries: the
 * loser's insert does nothing and it reads the stored application.
 *
 * A stored number is an idempotency key, not a look-up: a replay is answered with the stored application
 * only when the same account sends the same content (issue 9, §3 — a municipal system replaying another
 * municipality's number got that child's name, birth date and address). Anything else is `CONFLICT` with a
 * message that names nothing of the stored application.
 */
import { createHash } from 'node:crypto';
import { AppError, badInput, conflict, forbidden, regionDate } from '@region/kit';
import type { Database } from '@region/db';
import { epguApplicationSchema, fieldProblems, type EpguApplication } from '@region/schema/validation/applications';
import { checkSubmission } from '../deadlines/index.ts';
import { campaignOf, checkKnownOrganizations, recordChange, type ApplicationRow } from '../applications/service.ts';
import { applicationByEpguNumber, insertChoices, insertEpguApplicationOnce } from '../applications/repository.ts';
import type { AdmissionsPolicy } from '../../policy.ts';

export interface EpguInput {
  epguNumber: string;
  registeredAt: Date;
  kind: ApplicationRow['kind'];
  year: number;
  category: ApplicationRow['category'];
  priorityRights?: string[] | null;
  organizationIds: string[];
  child: {
    lastName: string;
    firstName: string;
    middleName?: string | null;
    birthDate: string;
    birthCertificateSeries?: string | null;
    birthCertificateNumber?: string | null;
  };
  applicant: {
    lastName: string;
    firstName: string;
    middleName?: string | null;
    snils?: string | null;
    esiaOid?: string | null;
  };
  residenceAddress?: string | null;
  documents?: string[] | null;
}

/** The shared rules (`@region/schema`): the first problem as BAD_USER_INPUT naming its field. */
export function validateEpgu(input: EpguInput, now: Date): EpguApplication {
  const result = epguApplicationSchema({ today: regionDate(now), now }).safeParse(input);
  if (result.success) return result.data;
  const [problem] = fieldProblems(result.error);
  throw badInput(problem!.message, problem!.field);
}

/**
 * SHA-256 of the application's content after validation (trimmed, normalized), keys in a fixed order:
 * a redelivery of the same application hashes the same whatever the sender's spacing or key order.
 */
export function contentHash(application: EpguApplication): string {
  const canonical = (value: unknown): unknown => {
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
      );
    return value ?? null;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(application)))
    .digest('hex');
}

const REPLAY_CONFLICT =
  'Заявление с этим номером ЕПГУ уже принято с другими сведениями или от другой системы. Проверьте номер заявления.';

export async function intakeEpguApplication(
  db: Database,
  policy: AdmissionsPolicy,
  input: EpguInput,
  now: Date,
): Promise<{ application: ApplicationRow; created: boolean }> {
  const principal = policy.principal;
  if (principal.kind !== 'SERVICE' || policy.grantsWith('admissions:intake').length === 0) {
    throw forbidden('Принимать заявления с ЕПГУ может только учётная запись ЕПГУ.');
  }
  const application = validateEpgu(input, now);
  // A municipal system's grant covers its municipality's organizations (docs: Service principals).
  const organizations = policy.organizations('admissions:intake');
  if (organizations !== 'ALL' && application.organizationIds.some((id) => !organizations.includes(id))) {
    throw forbidden('Заявление адресовано организации вне территории этой системы.');
  }
  const hash = contentHash(application);
  return db.transaction(async (tx) => {
    await checkKnownOrganizations(tx, application.kind, application.organizationIds);
    const violation = checkSubmission(
      { kind: application.kind, category: application.category, submittedOn: regionDate(application.registeredAt) },
      await campaignOf(tx, application.year),
    );
    if (violation) throw new AppError('DEADLINE_RULE', violation.message, { rule: violation.rule });
    const created = await insertEpguApplicationOnce(tx, {
      kind: application.kind,
      year: application.year,
      childLastName: application.child.lastName,
      childFirstName: application.child.firstName,
      childMiddleName: application.child.middleName,
      childBirthDate: application.child.birthDate,
      birthCertificateSeries: application.child.birthCertificateSeries,
      birthCertificateNumber: application.child.birthCertificateNumber,
      applicantData: {
        lastName: application.applicant.lastName,
        firstName: application.applicant.firstName,
        middleName: application.applicant.middleName,
        snils: application.applicant.snils,
        esiaOid: application.applicant.esiaOid,
      },
      source: 'EPGU',
      epguNumber: application.epguNumber,
      intakeAccountId: principal.serviceId,
      intakeContentHash: hash,
      registeredAt: application.registeredAt,
      category: application.category,
      priorityRights: application.priorityRights,
      residenceAddress: application.residenceAddress,
      documents: application.documents,
      status: 'SUBMITTED',
    });
    if (!created) {
      const stored = await applicationByEpguNumber(tx, application.epguNumber);
      if (stored?.intakeAccountId !== principal.serviceId || stored.intakeContentHash !== hash)
        throw conflict(REPLAY_CONFLICT);
      return { application: stored, created: false };
    }
    await insertChoices(tx, created.id, application.organizationIds);
    await recordChange(tx, created, null, 'SUBMITTED', 'Заявление принято с ЕПГУ', null, now);
    return { application: created, created: true };
  });
}
