/**
 * Applications: submission, status changes with their history and the ЕПГУ outbox, in one transaction
 * each. The law's deadlines (rule 15) are checked by `../deadlines`; capacity by the places of the year.
 */
import { AppError, badInput, conflict, forbidden, notFound, regionDate } from '@region/kit';
import {
  admissionYearOn,
  fieldProblems,
  portalApplicationSchema,
  type PortalApplication,
} from '@region/schema/validation/applications';
import type { admissionsTables, Database, Executor } from '@region/db';
import {
  campaignCalendar,
  checkDirection,
  checkEnrolmentOrderDate,
  checkPlaces,
  checkSubmission,
  defaultCampaign,
  type Campaign,
  type Violation as RuleViolation,
} from '../deadlines/index.ts';
import type { AdmissionsPolicy } from '../../policy.ts';
import { recalculateQueues } from '../queue/service.ts';
import { schoolsServing } from '../territory/service.ts';
import { reasonRequired, transitionError, type Status } from './status-machine.ts';
import {
  campaignRow,
  choicesOfApplication,
  insertApplication,
  insertChoices,
  insertApplicationNotice,
  insertOutboxMessage,
  insertStatusHistory,
  lockApplication,
  openApplicationOf,
  organizationsWithPlaces,
  placesTaken,
  placesTotal,
  updateApplication,
} from './repository.ts';

export type ApplicationRow = typeof admissionsTables.applications.$inferSelect;
type Kind = ApplicationRow['kind'];
type Category = ApplicationRow['category'];

export interface SubmitInput {
  kind: Kind;
  year?: number | null;
  childId: string;
  child: { lastName: string; firstName: string; middleName?: string | null; birthDate: string };
  organizationIds: string[];
  category: Category;
  priorityRights?: string[] | null;
  residenceAddress?: string | null;
  birthCertificateSeries?: string | null;
  birthCertificateNumber?: string | null;
  documents?: string[] | null;
  comment?: string | null;
}

function deadlineError(violation: RuleViolation): AppError {
  return new AppError('DEADLINE_RULE', violation.message, {
    rule: violation.rule,
    ...(violation.deadline ? { deadline: violation.deadline } : {}),
  });
}

export async function campaignOf(tx: Executor, year: number): Promise<Campaign> {
  const row = await campaignRow(tx, year);
  if (!row) return defaultCampaign(year);
  return {
    year,
    priorityReception: { from: row.priorityFrom, to: row.priorityTo },
    directionNotBefore: row.directionNotBefore,
    otherReception: { from: row.otherFrom, to: row.otherTo },
    enrolmentOrderWorkingDays: row.orderWorkingDays,
  };
}

/** The shared rules (`@region/schema`): the first problem as BAD_USER_INPUT naming its field. */
export function validateSubmission(input: SubmitInput, today: string): PortalApplication {
  const result = portalApplicationSchema({ today }).safeParse(input);
  if (result.success) return result.data;
  const [problem] = fieldProblems(result.error);
  throw badInput(problem!.message, problem!.field);
}

/**
 * Admissions keeps no organization registry (people owns it); the organizations it knows for a kind of
 * application are those that published places of that kind for a campaign (Order 458 point 8: before
 * reception opens). An id it does not know is refused rather than stored as a choice nobody will review.
 */
export async function checkKnownOrganizations(
  tx: Executor,
  kind: Kind,
  organizationIds: readonly string[],
): Promise<void> {
  const knownIds = await organizationsWithPlaces(tx, kind, organizationIds);
  if (organizationIds.some((id) => !knownIds.has(id)))
    throw badInput(
      'Среди выбранных организаций есть такая, которая не принимает заявления этого вида: места для приёма ' +
        'не опубликованы.',
      'organizationIds',
    );
}

/** A guardian applies for their own child (rule 4: only a linked child). */
export async function submitApplication(
  db: Database,
  policy: AdmissionsPolicy,
  submitted: SubmitInput,
  now: Date,
): Promise<ApplicationRow> {
  const today = regionDate(now);
  const year = submitted.year ?? admissionYearOn(today);
  const input = validateSubmission({ ...submitted, year }, today);
  const applicant = policy.personId;
  if (!applicant || !policy.childrenIds().includes(input.childId)) {
    throw forbidden('Подать заявление можно только за своего ребёнка, связанного с вами в системе.');
  }
  return db.transaction(async (tx) => {
    await checkKnownOrganizations(tx, input.kind, input.organizationIds);
    const violation = checkSubmission(
      { kind: input.kind, category: input.category, submittedOn: today },
      await campaignOf(tx, year),
    );
    if (violation) throw deadlineError(violation);
    await checkTerritory(tx, input);
    await refuseSecondApplication(tx, { childId: input.childId, kind: input.kind, year });
    const created = await insertApplication(tx, {
      kind: input.kind,
      year,
      childId: input.childId,
      childLastName: input.child.lastName,
      childFirstName: input.child.firstName,
      childMiddleName: input.child.middleName,
      childBirthDate: input.child.birthDate,
      applicantId: applicant,
      source: 'REGIONAL_PORTAL',
      registeredAt: now,
      category: input.category,
      priorityRights: input.priorityRights,
      residenceAddress: input.residenceAddress,
      birthCertificateSeries: input.birthCertificateSeries,
      birthCertificateNumber: input.birthCertificateNumber,
      documents: input.documents,
      comment: input.comment,
      status: 'SUBMITTED',
    });
    await insertChoices(tx, created.id, input.organizationIds);
    await recordChange(tx, created, null, 'SUBMITTED', null, applicant, now);
    if (input.kind === 'KINDERGARTEN') await recalculateQueues(tx, input.organizationIds, now);
    return created;
  });
}

/** Reception from 1 April is for children of the school's own territory (Order 458): check the address. */
async function checkTerritory(tx: Executor, input: PortalApplication): Promise<void> {
  if (input.kind !== 'FIRST_GRADE' || input.category !== 'TERRITORY') return;
  const serving = await schoolsServing(tx, input.residenceAddress);
  if (!serving.includes(input.organizationIds[0]!)) {
    throw badInput(
      'Адрес проживания не относится к территории, закреплённой за первой выбранной школой. Проверьте адрес ' +
        '(улица и номер дома) или подайте заявление в категории «Прочие» — с 6 июля.',
      'residenceAddress',
    );
  }
}

/** One open application per child, kind and year. */
async function refuseSecondApplication(tx: Executor, of: { childId: string; kind: Kind; year: number }): Promise<void> {
  const open = await openApplicationOf(tx, of);
  if (open)
    throw conflict('За этого ребёнка уже есть действующее заявление этого вида на этот год.', {
      applicationId: open.id,
    });
}

/**
 * History row of one status change (rule 17) and, for an application that came from ЕПГУ, its outbox
 * entry for delivery back there — in the caller's transaction. Applications filed in person or on the
 * regional portal have no ЕПГУ number to report to. A change made by someone other than the applicant (a
 * school's decision, not a submission or the applicant's own withdrawal) is also told to the applicant in the
 * cabinet: an `APPLICATION_NOTICE` for people (issue 15 §1), when the applicant is a known person.
 */
export async function recordChange(
  tx: Executor,
  application: ApplicationRow,
  from: Status | null,
  to: Status,
  reason: string | null,
  actor: string | null,
  now: Date,
) {
  await insertStatusHistory(tx, {
    applicationId: application.id,
    fromStatus: from,
    toStatus: to,
    reason,
    changedBy: actor,
    changedAt: now,
  });
  if (from !== null && application.applicantId && actor !== application.applicantId)
    await insertApplicationNotice(tx, application, to);
  if (application.source !== 'EPGU') return;
  await insertOutboxMessage(tx, {
    applicationId: application.id,
    event: 'STATUS_CHANGED',
    payload: {
      epguNumber: application.epguNumber,
      applicationId: application.id,
      from,
      to,
      reason,
      at: now.toISOString(),
    },
  });
}

async function placesLeft(
  tx: Executor,
  organizationId: string,
  application: ApplicationRow,
): Promise<{ total: number; taken: number }> {
  const total = await placesTotal(tx, organizationId, application);
  const taken = await placesTaken(tx, organizationId, application);
  return { total: total ?? 0, taken: taken ?? 0 };
}

export async function changeStatus(
  db: Database,
  policy: AdmissionsPolicy,
  input: {
    id: string;
    status: Status;
    reason?: string | null;
    organizationId?: string | null;
    order?: { number: string; date: string } | null;
  },
  now: Date,
): Promise<ApplicationRow> {
  const reason = input.reason?.trim() || null;
  if (reasonRequired(input.status) && !reason)
    throw badInput('Укажите причину: заявитель увидит её в кабинете и на Госуслугах.', 'reason');
  if (input.status === 'WITHDRAWN') throw badInput('Отозвать заявление может только заявитель.', 'status');

  return db.transaction(async (tx) => {
    const application = await lockApplication(tx, policy.readable(), input.id);
    if (!application) throw notFound('Заявление');
    const choices = await choicesOfApplication(tx, application.id);
    const target =
      input.status === 'DIRECTED'
        ? (input.organizationId ?? choices.sort((a, b) => a.preference - b.preference)[0]?.organizationId)
        : application.directedOrganizationId;
    const decidingOrganization = target ?? choices[0]?.organizationId;
    if (!decidingOrganization || !policy.manages(decidingOrganization)) {
      throw forbidden('Решения по заявлению принимает администрация организации, в которую оно подано.');
    }
    const error = transitionError(application.status, input.status);
    if (error) throw conflict(error, { from: application.status, to: input.status });
    if (input.status === 'ENROLLED' && !input.order?.number.trim()) {
      throw badInput('Для зачисления укажите номер и дату приказа о зачислении.', 'order');
    }
    const today = regionDate(now);
    if (input.status === 'ENROLLED') {
      const orderDate = input.order!.date;
      if (orderDate > today) {
        throw badInput(
          `Дата приказа о зачислении ${orderDate} ещё не наступила: укажите дату изданного приказа.`,
          'order.date',
        );
      }
      const violation = checkEnrolmentOrderDate(
        { kind: application.kind, category: application.category },
        orderDate,
        await campaignOf(tx, application.year),
        await campaignCalendar(tx, application.year),
      );
      if (violation) throw deadlineError(violation);
    }
    if (input.status === 'DIRECTED') {
      if (!choices.some((choice) => choice.organizationId === target))
        throw badInput('Направить можно только в одну из выбранных заявителем организаций.', 'organizationId');
      const violation = checkDirection(
        { kind: application.kind, category: application.category },
        today,
        await campaignOf(tx, application.year),
      );
      if (violation) throw deadlineError(violation);
      const { total, taken } = await placesLeft(tx, target!, application);
      const noPlaces = checkPlaces(total, taken);
      if (noPlaces) throw deadlineError(noPlaces);
    }
    const updated = await updateApplication(tx, application.id, {
      status: input.status,
      updatedAt: now,
      ...(input.status === 'DIRECTED' ? { directedOrganizationId: target } : {}),
      // The enrolment is recorded in the movement book exactly once, keyed by the application.
      ...(input.status === 'ENROLLED'
        ? {
            enrolmentKey: `application:${application.id}`,
            enrolmentOrderNumber: input.order!.number.trim(),
            enrolmentOrderDate: input.order!.date,
          }
        : {}),
    });
    await recordChange(tx, updated, application.status, input.status, reason, policy.personId, now);
    if (input.status === 'ENROLLED') {
      await insertOutboxMessage(tx, {
        applicationId: application.id,
        event: 'ENROLMENT_REQUESTED',
        payload: {
          key: `application:${application.id}`,
          kind: application.kind,
          year: application.year,
          childId: application.childId,
          organizationId: application.directedOrganizationId,
          orderNumber: input.order!.number.trim(),
          orderDate: input.order!.date,
          on: today,
        },
      });
    }
    if (application.kind === 'KINDERGARTEN')
      await recalculateQueues(
        tx,
        choices.map((c) => c.organizationId),
        now,
      );
    return updated;
  });
}

export async function withdrawApplication(
  db: Database,
  policy: AdmissionsPolicy,
  id: string,
  reason: string | null,
  now: Date,
): Promise<ApplicationRow> {
  return db.transaction(async (tx) => {
    const application = await lockApplication(tx, policy.readable(), id);
    if (!application) throw notFound('Заявление');
    if (application.applicantId !== policy.personId) throw forbidden('Отозвать заявление может только заявитель.');
    const error = transitionError(application.status, 'WITHDRAWN');
    if (error) throw conflict(error);
    const updated = await updateApplication(tx, id, { status: 'WITHDRAWN', updatedAt: now });
    await recordChange(tx, updated, application.status, 'WITHDRAWN', reason?.trim() || null, policy.personId, now);
    if (application.kind === 'KINDERGARTEN') {
      const choices = await choicesOfApplication(tx, id);
      await recalculateQueues(
        tx,
        choices.map((c) => c.organizationId),
        now,
      );
    }
    return updated;
  });
}
