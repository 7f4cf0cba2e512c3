/**
 * Issuing ПФДО certificates (DOMAIN.md rule 19): from the cabinet by a guardian for a linked child, or from
 * ЕПГУ by a service account (idempotent by the ЕПГУ number, as admissions' intake).
 *
 * - One certificate per child: the unique index on `person_id` decides, also between concurrent requests.
 * - The code is 10 random digits from `crypto.randomInt` (first digit non-zero): not sequential and not
 *   derivable from another code. Uniqueness is the unique index's: the insert does nothing on a collision
 *   and the next random code is tried, so concurrent issues never share a code.
 * - Only for a child aged 5 to 18 on the region's date of issue: the 5th birthday is the first day allowed,
 *   the 18th birthday the first day refused (rule 19: «от 5 до 18 лет»).
 * - The municipality of the certificate (the coordinators' row scope, rule 21) is the municipality of the
 *   child's current organization in people's movement book; a child enrolled nowhere gets one through ЕПГУ,
 *   which names the municipality the application was filed in.
 * - The first status row is «Заморожен» (FROZEN); later ones are derived from contracts
 *   (`refreshCertificateStatus`).
 */
import { createHash, randomInt } from 'node:crypto';
import { AppError, ageOn, badInput, conflict, forbidden, notFound, regionToday } from '@region/kit';
import { extraEducationTables, type Database, type Executor } from '@region/db';
import { CERTIFICATE_STATUS_NAMES, isValidSnils, normalizeSnils } from '@region/schema';
import { desc, eq } from 'drizzle-orm';
import type { ExtraEducationContext } from '../../context.ts';
import type { CertificateRow } from './repository.ts';

const { certificates, certificateStatusChanges } = extraEducationTables;

const MIN_AGE = 5;
const MAX_AGE = 18;
const CODE_ATTEMPTS = 8;

/** A 10-digit code, first digit non-zero: 9·10⁹ values, drawn by the CSPRNG. */
export function generateCertificateCode(): string {
  return String(randomInt(1_000_000_000, 10_000_000_000));
}

/** Refuses a child outside 5–18 on the region's date of issue, with the reason in Russian. */
export function checkAge(birthDate: string, today: string, field: string): void {
  const age = ageOn(birthDate, today);
  if (age < MIN_AGE)
    throw badInput(
      `Сертификат выдаётся детям с 5 лет: ребёнку сейчас ${age} ${years(age)}. Получите его в день пятилетия или позже.`,
      field,
    );
  if (age >= MAX_AGE) throw badInput('Сертификат выдаётся детям до 18 лет: ребёнку уже исполнилось 18 лет.', field);
}

function years(n: number): string {
  const last = n % 10;
  if (n % 100 >= 11 && n % 100 <= 14) return 'лет';
  if (last === 1) return 'год';
  if (last >= 2 && last <= 4) return 'года';
  return 'лет';
}

async function latestStatus(db: Executor, certificateId: string) {
  const [row] = await db
    .select({ status: certificateStatusChanges.status })
    .from(certificateStatusChanges)
    .where(eq(certificateStatusChanges.certificateId, certificateId))
    .orderBy(desc(certificateStatusChanges.changedAt), desc(certificateStatusChanges.id))
    .limit(1);
  return row?.status ?? 'FROZEN';
}

interface NewCertificate {
  personId: string;
  issuedOn: string;
  source: CertificateRow['source'];
  municipalityId: string;
  applicantId: string | null;
  epguNumber?: string;
  intakeAccountId?: string;
  intakeContentHash?: string;
}

type Inserted = { row: CertificateRow; created: true } | { row: null; existing: CertificateRow };

/**
 * Inserts the certificate with a fresh random code, retrying on a code collision, and its first status row.
 * When the child (or the ЕПГУ number) already has a certificate, answers that one instead of inserting.
 */
async function insertCertificate(tx: Executor, values: NewCertificate, changedBy: string | null): Promise<Inserted> {
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const [row] = await tx
      .insert(certificates)
      .values({ ...values, code: generateCertificateCode() })
      .onConflictDoNothing()
      .returning();
    if (row) {
      await tx.insert(certificateStatusChanges).values({
        certificateId: row.id,
        status: 'FROZEN',
        reason: values.source === 'EPGU' ? 'Сертификат выдан по заявлению с ЕПГУ' : 'Сертификат выдан',
        changedBy,
      });
      return { row, created: true };
    }
    if (values.epguNumber) {
      const [byNumber] = await tx.select().from(certificates).where(eq(certificates.epguNumber, values.epguNumber));
      if (byNumber) return { row: null, existing: byNumber };
    }
    const [ofChild] = await tx.select().from(certificates).where(eq(certificates.personId, values.personId));
    if (ofChild) return { row: null, existing: ofChild };
    // Otherwise the code collided with another certificate's: draw again.
  }
  throw new Error('no free certificate code after several attempts');
}

async function alreadyIssued(db: Executor, existing: CertificateRow): Promise<AppError> {
  const status = await latestStatus(db, existing.id);
  return conflict(
    `У ребёнка уже есть сертификат ПФДО (статус «${CERTIFICATE_STATUS_NAMES[status]}»): второй не выдаётся.`,
    { status },
  );
}

/** `issueCertificate`: a guardian obtains the certificate of a linked child in the cabinet. */
export async function issueCertificate(ctx: ExtraEducationContext, childId: string): Promise<CertificateRow> {
  if (!ctx.policy.appliesFor(childId))
    throw forbidden('Получить сертификат можно только для своего ребёнка, связанного с вашей учётной записью.');
  const child = await ctx.people.child(childId);
  if (!child) throw notFound('Ребёнок');
  if (child.depersonalized)
    throw new AppError(
      'CONSENT_REQUIRED',
      'Нет согласия на обработку персональных данных ребёнка: сертификат не может быть выдан. Дайте согласие в разделе «Согласия» и повторите.',
    );
  if (!child.birthDate)
    throw badInput('В карточке ребёнка не указана дата рождения: обратитесь в образовательную организацию.', 'childId');
  const today = regionToday(ctx.now);
  checkAge(child.birthDate, today, 'childId');
  if (!child.municipalityId)
    throw conflict(
      'Ребёнок не зачислен ни в одну организацию, поэтому муниципалитет сертификата не определить. Подайте заявление на сертификат через Госуслуги.',
    );
  const municipalityId = child.municipalityId;
  const applicantId = ctx.policy.personId;
  return ctx.db.transaction(async (tx) => {
    const result = await insertCertificate(
      tx,
      { personId: childId, issuedOn: today, source: 'CABINET', municipalityId, applicantId },
      applicantId,
    );
    if (result.row) return result.row;
    throw await alreadyIssued(tx, result.existing);
  });
}

export interface EpguCertificateInput {
  epguNumber: string;
  registeredAt: Date;
  childSnils: string;
  childBirthDate: string;
  municipalityId: string;
}

const REPLAY_CONFLICT =
  'Заявление на сертификат с этим номером ЕПГУ уже принято с другими сведениями или от другой системы. Проверьте номер заявления.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validateEpgu(input: EpguCertificateInput): EpguCertificateInput {
  const epguNumber = input.epguNumber.trim();
  if (!epguNumber || epguNumber.length > 50) throw badInput('Номер заявления ЕПГУ: от 1 до 50 символов.', 'epguNumber');
  if (!isValidSnils(input.childSnils))
    throw badInput('СНИЛС ребёнка введён с ошибкой: не сходится контрольное число.', 'childSnils');
  if (!UUID.test(input.municipalityId)) throw badInput('Муниципалитет не найден.', 'municipalityId');
  return { ...input, epguNumber, childSnils: normalizeSnils(input.childSnils) };
}

/** SHA-256 of the normalized content, keys in a fixed order: a redelivery hashes the same. */
function contentHash(input: EpguCertificateInput): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        input.epguNumber,
        input.registeredAt.toISOString(),
        input.childSnils,
        input.childBirthDate,
        input.municipalityId,
      ]),
    )
    .digest('hex');
}

function replay(
  stored: CertificateRow,
  serviceId: string,
  hash: string,
): { certificate: CertificateRow; created: false } {
  if (stored.intakeAccountId !== serviceId || stored.intakeContentHash !== hash) throw conflict(REPLAY_CONFLICT);
  return { certificate: stored, created: false };
}

async function byEpguNumber(db: Database | Executor, epguNumber: string) {
  const [row] = await db.select().from(certificates).where(eq(certificates.epguNumber, epguNumber));
  return row ?? null;
}

/**
 * `receiveEpguCertificate`: a certificate applied for on ЕПГУ. A stored ЕПГУ number is an idempotency key,
 * never a look-up: the same account with the same content gets the stored certificate, anything else is
 * `CONFLICT` naming nothing of it (as admissions' intake, issue 9 §3). The child is matched by SNILS and
 * birth date in people (`epguChildId`); the same age and consent rules as the cabinet.
 */
export async function receiveEpguCertificate(
  ctx: ExtraEducationContext,
  raw: EpguCertificateInput,
): Promise<{ certificate: CertificateRow; created: boolean }> {
  const principal = ctx.principal;
  const grants = ctx.policy.grantsWith('extra:intake');
  if (principal.kind !== 'SERVICE' || grants.length === 0)
    throw forbidden('Принимать заявления на сертификат с ЕПГУ может только учётная запись ЕПГУ.');
  const input = validateEpgu(raw);
  const hash = contentHash(input);
  const stored = await byEpguNumber(ctx.db, input.epguNumber);
  if (stored) return replay(stored, principal.serviceId, hash);
  if (
    !grants.some(
      (grant) =>
        grant.territory.kind === 'REGION' ||
        (grant.territory.kind === 'MUNICIPALITY' && grant.territory.municipalityId === input.municipalityId),
    )
  )
    throw forbidden('Заявление подано в муниципалитет вне территории этой системы.');
  const childId = await ctx.people.childIdBySnils(input.childSnils, input.childBirthDate);
  if (!childId)
    throw badInput(
      'Ребёнок с таким СНИЛС и датой рождения не найден в реестре: проверьте сведения заявления.',
      'childSnils',
    );
  if (!(await ctx.people.consents(childId)))
    throw new AppError(
      'CONSENT_REQUIRED',
      'Нет согласия на обработку персональных данных ребёнка: сертификат не может быть выдан.',
    );
  if (!(await ctx.people.municipalityExists(input.municipalityId)))
    throw badInput('Муниципалитет не найден.', 'municipalityId');
  const today = regionToday(ctx.now);
  checkAge(input.childBirthDate, today, 'childBirthDate');
  return ctx.db.transaction(async (tx) => {
    const result = await insertCertificate(
      tx,
      {
        personId: childId,
        issuedOn: today,
        source: 'EPGU',
        municipalityId: input.municipalityId,
        applicantId: null,
        epguNumber: input.epguNumber,
        intakeAccountId: principal.serviceId,
        intakeContentHash: hash,
      },
      null,
    );
    if (result.row) return { certificate: result.row, created: true };
    if (result.existing.epguNumber === input.epguNumber) return replay(result.existing, principal.serviceId, hash);
    throw conflict('У ребёнка уже есть сертификат ПФДО: второй не выдаётся.');
  });
}
