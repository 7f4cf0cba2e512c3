/**
 * ЕПГУ intake (DOMAIN.md rule 16): applications handed over by the ЕПГУ system account, stored once per
 * ЕПГУ number. The unique index on the number decides between concurrent deliveries: the loser's insert
 * does nothing and it returns the stored application.
 */
import { AppError, badInput, forbidden, regionDate } from '@region/kit';
import { admissionsTables, type Database } from '@region/db';
import { eq, sql } from 'drizzle-orm';
import { checkSubmission } from '../deadlines/index.ts';
import { campaignOf, recordChange, validateChoices, type ApplicationRow } from '../applications/service.ts';
import type { AdmissionsPolicy } from '../../policy.ts';

const { applications, applicationChoices } = admissionsTables;

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

export async function intakeEpguApplication(
  db: Database,
  policy: AdmissionsPolicy,
  input: EpguInput,
  now: Date,
): Promise<{ application: ApplicationRow; created: boolean }> {
  if (policy.principal.kind !== 'SERVICE' || policy.grantsWith('admissions:intake').length === 0) {
    throw forbidden('Принимать заявления с ЕПГУ может только учётная запись ЕПГУ.');
  }
  const number = input.epguNumber.trim();
  if (!/^[0-9A-Za-z-]{1,40}$/.test(number))
    throw badInput('Номер заявления ЕПГУ: цифры, латинские буквы и дефис, до 40 знаков.', 'epguNumber');
  validateChoices(input.organizationIds, input.category, input.priorityRights ?? []);
  const organizations = policy.organizations('admissions:intake');
  if (organizations !== 'ALL' && input.organizationIds.some((id) => !organizations.includes(id))) {
    throw forbidden('Заявление адресовано организации вне территории этой системы.');
  }
  return db.transaction(async (tx) => {
    const violation = checkSubmission(
      { kind: input.kind, category: input.category, submittedOn: regionDate(input.registeredAt) },
      await campaignOf(tx, input.year),
    );
    if (violation) throw new AppError('DEADLINE_RULE', violation.message, { rule: violation.rule });
    const [created] = await tx
      .insert(applications)
      .values({
        kind: input.kind,
        year: input.year,
        childLastName: input.child.lastName.trim(),
        childFirstName: input.child.firstName.trim(),
        childMiddleName: input.child.middleName?.trim() || null,
        childBirthDate: input.child.birthDate,
        birthCertificateSeries: input.child.birthCertificateSeries?.trim() || null,
        birthCertificateNumber: input.child.birthCertificateNumber?.trim() || null,
        applicantData: {
          lastName: input.applicant.lastName,
          firstName: input.applicant.firstName,
          middleName: input.applicant.middleName ?? null,
          snils: input.applicant.snils ?? null,
          esiaOid: input.applicant.esiaOid ?? null,
        },
        source: 'EPGU',
        epguNumber: number,
        registeredAt: input.registeredAt,
        category: input.category,
        priorityRights: input.priorityRights ?? [],
        residenceAddress: input.residenceAddress?.trim() || null,
        documents: input.documents ?? [],
        status: 'SUBMITTED',
      })
      .onConflictDoNothing({ target: applications.epguNumber, where: sql`${applications.epguNumber} is not null` })
      .returning();
    if (!created) {
      const [stored] = await tx.select().from(applications).where(eq(applications.epguNumber, number));
      return { application: stored!, created: false };
    }
    await tx.insert(applicationChoices).values(
      input.organizationIds.map((organizationId, index) => ({
        applicationId: created.id,
        organizationId,
        preference: index + 1,
      })),
    );
    await recordChange(tx, created, null, 'SUBMITTED', 'Заявление принято с ЕПГУ', null, now);
    return { application: created, created: true };
  });
}
