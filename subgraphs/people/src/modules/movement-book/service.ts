/**
 * The movement book (книга движения): every enrolment, transfer, expulsion and graduation with its order.
 * A learner's current organization and class are a projection of the book (`enrolments`), updated in the
 * same transaction as each entry, so the two can never disagree.
 */
import { badInput, conflict, forbidden } from '@region/kit';
import { qualified, tables, type Database, type Executor } from '@region/db';
import { and, asc, desc, eq, getTableColumns, gt, isNull, or, sql } from 'drizzle-orm';
import type { PeoplePolicy } from '../../policy.ts';
import { recordHistory } from '../history.ts';

const { persons, movements, enrolments, organizations } = tables;

export type MovementKind = (typeof movements.$inferSelect)['kind'];
export type PaymentMethod = NonNullable<(typeof movements.$inferSelect)['paymentMethod']>;

export interface MovementInput {
  personId: string;
  kind: MovementKind;
  organizationId: string;
  classId?: string | null;
  className?: string | null;
  orderNumber: string;
  orderDate: string;
  effectiveOn: string;
  reason?: string | null;
  /** An extra-education place's payment method (rule 20). */
  paymentMethod?: PaymentMethod | null;
  /** A retried request with the same key returns the entry made the first time. */
  idempotencyKey?: string | null;
}

async function mayRecordFor(tx: Executor, policy: PeoplePolicy, organizationId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), policy.organizationsWithScope('movement:write')));
  return Boolean(row);
}

function validate(input: MovementInput): void {
  if (!input.orderNumber.trim()) throw badInput('Укажите номер приказа.', 'orderNumber');
  if (input.orderNumber.length > 50) throw badInput('Номер приказа: не длиннее 50 символов.', 'orderNumber');
  if (input.effectiveOn < input.orderDate) {
    throw badInput('Дата вступления в силу не может быть раньше даты приказа.', 'effectiveOn');
  }
  if ((input.kind === 'ENROL' || input.kind === 'TRANSFER') && input.classId && !input.className?.trim()) {
    throw badInput('Укажите название класса (группы).', 'className');
  }
}

export async function recordMovement(db: Database, policy: PeoplePolicy, input: MovementInput): Promise<string> {
  validate(input);
  return db.transaction(async (tx) => {
    if (!(await mayRecordFor(tx, policy, input.organizationId))) {
      throw forbidden('Вносить записи в книгу движения можно только своей организации.');
    }
    if (input.idempotencyKey) {
      // Concurrent retries queue here; the second finds the first's entry.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`movement:${input.idempotencyKey}`}))`);
      const [done] = await tx
        .select({ id: movements.id })
        .from(movements)
        .where(eq(movements.idempotencyKey, input.idempotencyKey));
      if (done) return done.id;
    }
    return applyMovement(tx, policy, input);
  });
}

export interface ClassMovementInput {
  kind: 'TRANSFER' | 'GRADUATE';
  organizationId: string;
  fromClassId: string;
  toClassId?: string | null;
  toClassName?: string | null;
  orderNumber: string;
  orderDate: string;
  effectiveOn: string;
  reason?: string | null;
  /** Learners the order does not cover (repeaters, those leaving otherwise). */
  exceptPersonIds?: string[] | null;
}

/**
 * One order for a whole class — promotion into the next year's class, or graduation — as one entry per
 * learner, all or nothing, so the book and the learners' current class follow the new school year.
 */
export async function recordClassMovement(
  db: Database,
  policy: PeoplePolicy,
  input: ClassMovementInput,
): Promise<string[]> {
  if (input.kind === 'TRANSFER' && !input.toClassId)
    throw badInput('Укажите класс, в который переводится класс.', 'toClassId');
  const except = new Set(input.exceptPersonIds ?? []);
  return db.transaction(async (tx) => {
    if (!(await mayRecordFor(tx, policy, input.organizationId))) {
      throw forbidden('Вносить записи в книгу движения можно только своей организации.');
    }
    const learners = await tx
      .select({ personId: enrolments.personId })
      .from(enrolments)
      .where(
        and(
          eq(enrolments.organizationId, input.organizationId),
          eq(enrolments.classId, input.fromClassId),
          isNull(enrolments.endedOn),
        ),
      );
    const covered = learners.filter((learner) => !except.has(learner.personId));
    if (covered.length === 0) throw conflict('В классе нет обучающихся, которых касается приказ.');
    const ids: string[] = [];
    for (const learner of covered) {
      const entry: MovementInput = {
        personId: learner.personId,
        kind: input.kind,
        organizationId: input.organizationId,
        classId: input.toClassId ?? null,
        className: input.toClassName ?? null,
        orderNumber: input.orderNumber,
        orderDate: input.orderDate,
        effectiveOn: input.effectiveOn,
        reason: input.reason ?? null,
      };
      validate(entry);
      ids.push(await applyMovement(tx, policy, entry));
    }
    return ids;
  });
}

/** One entry of the book and its projection on the learner's current enrolment, in the caller's transaction. */
async function applyMovement(tx: Executor, policy: PeoplePolicy, input: MovementInput): Promise<string> {
  const [person] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.id, input.personId), isNull(persons.mergedInto)));
  if (!person) throw badInput('Такого человека нет в системе.', 'personId');
  const [organization] = await tx
    .select({ type: organizations.type })
    .from(organizations)
    .where(eq(organizations.id, input.organizationId));
  if (organization?.type === 'EXTRA_EDUCATION' || input.paymentMethod) {
    return applyExtraMovement(tx, policy, input, organization?.type === 'EXTRA_EDUCATION');
  }
  // Lock the learner's current enrolment: two entries for one learner must not interleave.
  const [current] = await tx
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.personId, input.personId), isNull(enrolments.endedOn)))
    .for('update');
  if (current && input.effectiveOn < current.startedOn) {
    // The date is told only from the organization's own book: another school's dates are not its to know.
    const since = current.organizationId === input.organizationId ? ` (${current.startedOn})` : '';
    throw badInput(`Дата раньше текущего зачисления${since}.`, 'effectiveOn');
  }
  let from: { organizationId: string; classId: string | null } | null = null;
  switch (input.kind) {
    case 'ENROL':
      if (current) throw conflict('Обучающийся уже зачислен в организацию. Оформите перевод или отчисление.');
      break;
    case 'TRANSFER':
      if (!current) throw conflict('Обучающийся никуда не зачислен: оформите зачисление.');
      if (current.organizationId === input.organizationId && current.classId === (input.classId ?? null)) {
        throw conflict('Обучающийся уже в этом классе.');
      }
      from = { organizationId: current.organizationId, classId: current.classId };
      break;
    case 'EXPEL':
    case 'GRADUATE':
      if (!current || current.organizationId !== input.organizationId) {
        throw conflict('Обучающийся не числится в этой организации.');
      }
      break;
    default:
      throw badInput('Неизвестный вид записи.', 'kind');
  }
  if (current) await tx.update(enrolments).set({ endedOn: input.effectiveOn }).where(eq(enrolments.id, current.id));
  if (input.kind === 'ENROL' || input.kind === 'TRANSFER') {
    await tx.insert(enrolments).values({
      personId: input.personId,
      organizationId: input.organizationId,
      classId: input.classId ?? null,
      className: input.className?.trim() ?? null,
      startedOn: input.effectiveOn,
    });
  }
  const [entry] = await tx
    .insert(movements)
    .values({
      personId: input.personId,
      kind: input.kind,
      organizationId: input.organizationId,
      classId:
        input.kind === 'ENROL' || input.kind === 'TRANSFER' ? (input.classId ?? null) : (current?.classId ?? null),
      className:
        input.kind === 'ENROL' || input.kind === 'TRANSFER'
          ? (input.className?.trim() ?? null)
          : (current?.className ?? null),
      fromOrganizationId: from?.organizationId ?? null,
      fromClassId: from?.classId ?? null,
      orderNumber: input.orderNumber.trim(),
      orderDate: input.orderDate,
      effectiveOn: input.effectiveOn,
      reason: input.reason?.trim() || null,
      recordedBy: policy.personId,
      idempotencyKey: input.idempotencyKey?.trim() || null,
    })
    .returning({ id: movements.id });
  await recordHistory(tx, {
    entity: 'enrolment',
    entityId: input.personId,
    field: 'movement',
    oldValue: current ? { organizationId: current.organizationId, classId: current.classId } : null,
    newValue: {
      kind: input.kind,
      organizationId: input.organizationId,
      classId: input.classId ?? null,
      orderNumber: input.orderNumber,
    },
    changedBy: policy.personId,
  });
  return entry!.id;
}

/**
 * An extra-education enrolment or expulsion (issue 11, rule 20): a place in a programme's group, with its
 * payment method. A child attends several programmes besides school, so it neither ends nor conflicts with
 * the child's current enrolment (`enrolments`, the school place); the book itself is the record. It is
 * judged against the book's own extra-education entries of the child in this organization and group
 * (`class_id` holds the group): an ENROL needs no open one there, an EXPEL needs one. The same rule covers a
 * school's own programmes (an entry with a payment method at a school).
 */
async function applyExtraMovement(
  tx: Executor,
  policy: PeoplePolicy,
  input: MovementInput,
  extraEducationOrganization: boolean,
): Promise<string> {
  if (input.kind !== 'ENROL' && input.kind !== 'EXPEL')
    throw badInput('В дополнительном образовании в книгу движения вносятся зачисление и отчисление.', 'kind');
  if (input.kind === 'ENROL' && !input.paymentMethod)
    throw badInput('Укажите способ оплаты: бюджет, платно или по сертификату.', 'paymentMethod');
  // Entries of one child queue here, so two deliveries cannot both see the place free.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`movement-extra:${input.personId}`}))`);
  const [open] = await tx.execute<{ open: number; payment_method: PaymentMethod | null }>(sql`
    select count(*) filter (where kind = 'ENROL') - count(*) filter (where kind = 'EXPEL') as open,
      (array_agg(payment_method order by created_at desc) filter (where kind = 'ENROL'))[1] as payment_method
    from people.movements
    where person_id = ${input.personId} and organization_id = ${input.organizationId}
      and class_id is not distinct from ${input.classId ?? null}::uuid
      and (payment_method is not null or ${extraEducationOrganization})`);
  const enrolled = Number(open?.open ?? 0) > 0;
  if (input.kind === 'ENROL' && enrolled) throw conflict('Обучающийся уже зачислен в эту группу (объединение).');
  if (input.kind === 'EXPEL' && !enrolled) throw conflict('Обучающийся не числится в этой группе (объединении).');
  const [entry] = await tx
    .insert(movements)
    .values({
      personId: input.personId,
      kind: input.kind,
      organizationId: input.organizationId,
      classId: input.classId ?? null,
      className: input.className?.trim() || null,
      orderNumber: input.orderNumber.trim(),
      orderDate: input.orderDate,
      effectiveOn: input.effectiveOn,
      reason: input.reason?.trim() || null,
      paymentMethod: input.paymentMethod ?? open?.payment_method ?? null,
      recordedBy: policy.personId,
      idempotencyKey: input.idempotencyKey?.trim() || null,
    })
    .returning({ id: movements.id });
  await recordHistory(tx, {
    entity: 'enrolment',
    entityId: input.personId,
    field: 'movement',
    oldValue: null,
    newValue: {
      kind: input.kind,
      organizationId: input.organizationId,
      classId: input.classId ?? null,
      orderNumber: input.orderNumber,
      paymentMethod: input.paymentMethod ?? null,
    },
    changedBy: policy.personId,
  });
  return entry!.id;
}

export function movementById(db: Executor, id: string) {
  return db
    .select()
    .from(movements)
    .where(eq(movements.id, id))
    .then((rows) => rows[0] ?? null);
}

export async function movementBook(
  db: Executor,
  policy: PeoplePolicy,
  organizationId: string,
  page: { first: number; after: { on: string; id: string } | null },
) {
  if (!(await mayRecordFor(db, policy, organizationId)))
    throw forbidden('Книга движения этой организации вам недоступна.');
  const after = page.after
    ? or(
        sql`${movements.effectiveOn} < ${page.after.on}`,
        and(eq(movements.effectiveOn, page.after.on), gt(movements.id, page.after.id)),
      )
    : undefined;
  return db
    .select({
      ...getTableColumns(movements),
      // The book stays complete (entries are countable), but a free-text reason of a depersonalized
      // learner's entry may name them or their family (rule 5): the resolver hides it.
      personConsented: sql<boolean>`exists (select 1 from people.consents c where c.person_id = ${qualified(movements.personId)}
        and c.kind = 'PROCESSING' and c.withdrawn_at is null)`,
    })
    .from(movements)
    .where(
      and(or(eq(movements.organizationId, organizationId), eq(movements.fromOrganizationId, organizationId)), after),
    )
    .orderBy(desc(movements.effectiveOn), asc(movements.id))
    .limit(page.first + 1);
}

export function movementsOf(db: Executor, personIds: readonly string[]) {
  return db
    .select()
    .from(movements)
    .where(sql`${movements.personId} in ${personIds}`)
    .orderBy(asc(movements.effectiveOn), asc(movements.createdAt));
}
