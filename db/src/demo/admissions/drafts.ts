/**
 * An application before it gets its id: the steps build drafts, records.ts turns them into rows once all
 * are known, so that ids follow the order of registration (the subgraph lists applications newest first by id).
 */
import { addDays } from '../calendar.ts';
import type { Random } from '../random.ts';
import { addWorkingDays, localDate, maxDate, minDate, momentAfter } from './calendar.ts';
import type { AdmissionsOrganization } from './context.ts';
import type { Family } from './snapshots.ts';
import type { ApplicationCategory, ApplicationSource, ApplicationStatus } from './types.ts';

export interface HistoryStep {
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  reason: string | null;
  changedBy: string | null;
  at: Date;
}

export interface ApplicationDraft {
  kind: 'FIRST_GRADE' | 'KINDERGARTEN';
  year: number;
  /** The first choice, whose administration decides on the application. */
  organization: AdmissionsOrganization;
  /** Organization ids in order of preference, the first choice first. */
  choices: string[];
  category: ApplicationCategory;
  priorityRights: string[];
  source: ApplicationSource;
  epguNumber: string | null;
  registeredAt: Date;
  family: Family;
  residenceAddress: string | null;
  documents: string[];
  comment: string | null;
  history: HistoryStep[];
  directedOrganizationId: string | null;
  /** Set by records.ts. */
  id: string;
}

export const SUBMITTED_REASONS: Readonly<Record<ApplicationSource, string | null>> = {
  // As the ЕПГУ intake of the admissions subgraph writes it.
  EPGU: 'Заявление принято с ЕПГУ',
  IN_PERSON: 'Заявление принято при личном обращении',
  REGIONAL_PORTAL: null,
};

/** Who records the submission: nobody for ЕПГУ (the system account), the secretary in person, the applicant online. */
export function submitter(draft: ApplicationDraft): string | null {
  if (draft.source === 'EPGU') return null;
  if (draft.source === 'IN_PERSON') return draft.organization.adminId;
  return draft.family.applicant.personId;
}

/** Appends the status changes of one application, each strictly after the one before. */
export class HistoryWriter {
  constructor(
    private readonly rng: Random,
    readonly draft: ApplicationDraft,
  ) {
    draft.history = [];
    this.add('SUBMITTED', SUBMITTED_REASONS[draft.source], submitter(draft), draft.registeredAt);
  }

  get at(): Date {
    return (this.draft.history.at(-1) as HistoryStep).at;
  }

  /** The local date of the last change. */
  get date(): string {
    return localDate(this.at);
  }

  add(to: ApplicationStatus, reason: string | null, changedBy: string | null, at: Date): void {
    const from = this.draft.history.at(-1)?.to ?? null;
    this.draft.history.push({ from, to, reason, changedBy, at });
  }

  /** Working hours `min`–`max` working days after the last change, not after `limit` (nor before the last change). */
  next(min: number, max: number, limit: string): Date {
    const wanted = addWorkingDays(this.date, this.rng.int(min, max));
    return momentAfter(this.rng, maxDate(this.date, minDate(wanted, limit)), this.at);
  }

  /** Working hours on `date`, or right after the last change when that is later. */
  on(date: string): Date {
    return momentAfter(this.rng, maxDate(date, this.date), this.at);
  }

  /** Any time of the day `min`–`max` days later: applicants withdraw from home. */
  byApplicant(min: number, max: number, limit: string): Date {
    const wanted = addDays(this.date, this.rng.int(min, max));
    return momentAfter(this.rng, maxDate(this.date, minDate(wanted, limit)), this.at, 7 * 60, 22 * 60 + 59);
  }
}

export function weighted<T>(rng: Random, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (options.at(-1) as readonly [T, number])[0];
}

/**
 * Points of Order 458 (ред. от 23.01.2023): 9 and 9.1 out of turn (prosecutors', judges' and investigators'
 * children; servicemen's children), 10 first (police, servicemen by the family's residence), 12 preferential
 * (a brother or sister at the school) — by far the most common.
 */
export function priorityRights(rng: Random): string[] {
  const first = weighted(rng, [
    ['12', 50],
    ['9', 20],
    ['10', 15],
    ['9.1', 15],
  ] as const);
  if (!rng.chance(0.05)) return [first];
  const second = rng.pick(['9', '9.1', '10', '12'].filter((right) => right !== first));
  return [first, second].sort((a, b) => Number(a) - Number(b));
}

const RIGHT_DOCUMENTS: Readonly<Record<string, string>> = {
  '9': 'Справка с места службы родителя — прокурора, судьи, сотрудника СК (п. 9)',
  '9.1': 'Справка с места службы родителя — военнослужащего (п. 9.1)',
  '10': 'Справка с места службы родителя — сотрудника полиции (п. 10)',
  '12': 'Сведения об обучении брата (сестры) в организации (п. 12)',
};

export function documentsFor(
  kind: ApplicationDraft['kind'],
  category: ApplicationCategory,
  rights: string[],
): string[] {
  return [
    kind === 'FIRST_GRADE' ? 'Заявление о приёме в 1 класс' : 'Заявление о постановке на учёт в детский сад',
    'Свидетельство о рождении ребёнка',
    'Документ, удостоверяющий личность родителя (законного представителя)',
    ...(category === 'TERRITORY' ? ['Свидетельство о регистрации ребёнка по месту жительства'] : []),
    ...rights.map((right) => RIGHT_DOCUMENTS[right] ?? `Документ о праве по п. ${right}`),
  ];
}

export function documentsRequest(draft: ApplicationDraft): string {
  if (draft.category === 'PRIORITY') {
    return `Представьте документ, подтверждающий преимущественное право (п. ${draft.priorityRights.join(', ')} Порядка № 458)`;
  }
  if (draft.category === 'TERRITORY')
    return 'Представьте свидетельство о регистрации ребёнка по месту жительства на закреплённой территории';
  return 'Представьте оригинал свидетельства о рождении ребёнка';
}
