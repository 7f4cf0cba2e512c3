/**
 * What the demo generator returns: plain rows for each table of the `people`, `learning` and `admissions`
 * schemas, plus a catalogue.
 */
import type {
  consentRequests,
  consents,
  employments,
  enrolments,
  esiaLinks,
  guardianships,
  movements,
  municipalities,
  organizations,
  persons,
  roleGrants,
} from '../people.ts';
import type { AdmissionsFaults, AdmissionsRows } from './admissions/types.ts';
import type { ExtraEducationRows } from './extra-education/types.ts';
import type { LearningRows } from './learning/types.ts';

type WithId<T> = T & { id: string };

export type MunicipalityRow = WithId<typeof municipalities.$inferInsert>;
export type OrganizationRow = WithId<typeof organizations.$inferInsert>;
export type PersonRow = WithId<typeof persons.$inferInsert>;
export type GuardianshipRow = WithId<typeof guardianships.$inferInsert>;
export type EmploymentRow = WithId<typeof employments.$inferInsert>;
export type MovementRow = WithId<typeof movements.$inferInsert>;
export type EnrolmentRow = WithId<typeof enrolments.$inferInsert>;
export type ConsentRow = WithId<typeof consents.$inferInsert>;
export type ConsentRequestRow = WithId<typeof consentRequests.$inferInsert>;
export type EsiaLinkRow = typeof esiaLinks.$inferInsert;
export type RoleGrantRow = WithId<typeof roleGrants.$inferInsert>;

/** Rows per table, in foreign-key order. */
export interface DemoRows {
  municipalities: MunicipalityRow[];
  organizations: OrganizationRow[];
  persons: PersonRow[];
  guardianships: GuardianshipRow[];
  employments: EmploymentRow[];
  movements: MovementRow[];
  enrolments: EnrolmentRow[];
  consents: ConsentRow[];
  consentRequests: ConsentRequestRow[];
  esiaLinks: EsiaLinkRow[];
  roleGrants: RoleGrantRow[];
}

export type OrganizationKind = 'school' | 'kindergarten' | 'extra' | 'college';

/**
 * A class or group. Classes belong to the learning subgraph; the people schema only refers to them by id
 * (movements, enrolments, CLASS grants), so the generator hands the list over here.
 */
export interface DemoClass {
  id: string;
  organizationId: string;
  /** `school-1-1`, `kindergarten-2-1`… */
  organizationKey: string;
  /** «5А», a kindergarten group «Солнышко», a college group «ТМ-21». */
  name: string;
  /** School grade 1–11, college course 1–4; null for kindergarten groups. */
  grade: number | null;
  /** The year the school year starts: 2026 for 2026/27. Last year's graduating classes have `schoolYear - 1`. */
  schoolYear: number;
  /** CLASS_TEACHER (классный руководитель, куратор); null for kindergarten groups and past classes. */
  classTeacherId: string | null;
}

/** Who teaches which subjects in which class: one TEACHER grant per (teacher, class). */
export interface DemoAssignment {
  teacherId: string;
  classId: string;
  subjects: string[];
}

export interface DemoCatalog {
  schoolYear: number;
  /** The date the demo is "as of" (YYYY-MM-DD): consents, logins and movements all happen before it. */
  asOf: string;
  /** Municipality ids in order: index 0 is municipality 1. */
  municipalityIds: string[];
  /** Organization key (`school-1-1`, `kindergarten-1-1`, `extra-1-1`, `college-1-1`…) → id. */
  organizations: Record<string, string>;
  classes: DemoClass[];
  assignments: DemoAssignment[];
  /** Demo account login → its person ids: one, two for the duplicate account, none for `no-record`. */
  accounts: Record<string, string[]>;
}

export interface CardCounts {
  total: number;
  /** Cards with at least one mandatory field (DOMAIN.md rule 7) missing. */
  incomplete: number;
}

/** The data-quality faults planted on purpose, counted from the rows themselves. */
export interface DemoFaults {
  /** Persons with a current enrolment. */
  studentCards: CardCounts;
  /** Persons with a current main employment. */
  staffCards: CardCounts;
  /** Persons recorded as someone's guardian. */
  parentCards: CardCounts;
  /** Groups of live records sharing normalized full name and birth date (rule 8), and the records in them. */
  duplicateGroups: number;
  duplicateRecords: number;
  /** Keys of organizations whose INN has a wrong check digit (rule 9). */
  invalidInnOrganizations: string[];
  /** Persons without an active PROCESSING consent: depersonalized everywhere (rule 5). */
  withoutProcessingConsent: number;
}

/** The region's summary: the people faults, and the admissions figures with their planted violations. */
export interface RegionFaults extends DemoFaults {
  admissions: AdmissionsFaults;
}

export interface DemoRegion {
  /** Rows of the `people` schema. */
  rows: DemoRows;
  /** Rows of the `learning` schema for the current school year (learning/generate.ts). */
  learning: LearningRows;
  /** Rows of the `admissions` schema: last year's finished campaign and next year's queue (admissions/generate.ts). */
  admissions: AdmissionsRows;
  /** Rows of the `extra_education` schema: programmes and groups (extra-education/generate.ts). */
  extraEducation: ExtraEducationRows;
  catalog: DemoCatalog;
  faults: RegionFaults;
}

export interface GenerateOptions {
  seed: number | string;
  /** Multiplies the number of organizations; 1 is the demo (2 municipalities, 6 schools). */
  scale: number;
  /** The year the current school year starts; defaults to DEMO_SCHOOL_YEAR. */
  schoolYear?: number;
}
