/**
 * The ESIA (Госуслуги) side of the demo region: the people the development ESIA knows, and a hint for the
 * demo-data generator about what the platform holds for each of them. The login cases of DOMAIN.md rules 1–4
 * and 5a each have an account here (linked, match by SNILS, duplicates, no record, unconfirmed, minor without
 * consent, parent in two contexts). Everything is fixed data: tests may refer to any login or oid.
 *
 * SERVICE has no account on purpose: ESIA identifies people, and an external system (municipal IS, ЕПГУ,
 * ГИР ВУ) authenticates with the platform's own service credentials, never through ESIA.
 * Ages are chosen so that every minor stays 14–17 and every young child under 14 until at least 2029.
 */
import type { Role } from '@region/schema';
import { ageOn as ageOnDate, DEMO_UTC_OFFSET_HOURS } from './calendar.ts';

/** `<type>-<municipality>-<n>`: 'school-1-1' is school 1 of municipality 1. Stable keys for the generator. */
export type OrganizationKey = `${'school' | 'kindergarten' | 'college' | 'extra'}-${1 | 2}-${number}`;

/** What the platform holds for the account, i.e. which branch of the first-login matcher (rule 2) it hits. */
export type PlatformRecord =
  /** One person record that already carries this ESIA oid; consent to processing was given (rules 2, 5);
   * for a minor, a linked parent has granted the login consent (rule 3). */
  | { kind: 'linked' }
  /** One record without an oid whose SNILS equals the account's: the first login links it by SNILS —
   * unless the ESIA account is not confirmed (`trusted: false`), which is never linked automatically (rule 5a). */
  | { kind: 'unlinked-match-by-snils' }
  /** Two live records of this person (a legacy import, seed 000) with the same full name and birth date and
   * neither oid, SNILS nor identity document (both are unique among live records, rule 8); role grants hang on
   * the first. Name + birth date finds two candidates, so the login is refused with DUPLICATE_RECORDS (rule 2). */
  | { kind: 'duplicate-records' }
  /** No record at all: «С выбранной учётной записью портала Госуслуг не связан ни один пользователь системы». */
  | { kind: 'no-record' }
  /** One record of a minor, without an oid yet, linked to a parent (`childrenLogins` of another account) who
   * has not granted consent: the first login fails and creates a consent request for that parent (rule 3). */
  | { kind: 'minor-without-consent' };

/** Where the person belongs in the hierarchy region → municipality → organization → class. */
export interface PlatformPlace {
  /** Municipality of `organization`, or the territory of a MUNICIPAL_COORDINATOR. Absent for region-wide roles. */
  municipality?: 1 | 2;
  /** Where the person works (ORG_ADMIN, TEACHER, CLASS_TEACHER) or studies (STUDENT). */
  organization?: OrganizationKey;
  /** STUDENT: the class or group of `organization` the person is enrolled in, e.g. '5А'. */
  className?: string;
  /** TEACHER: the classes (in a kindergarten, groups) of `organization` the person teaches. */
  teaches?: string[];
  /** TEACHER: the subject taught in `teaches`, in Russian; absent for a kindergarten teacher (воспитатель). */
  subject?: string;
  /** CLASS_TEACHER: the class of `organization` the person leads (классное руководство). */
  leadsClass?: string;
  /** GUARDIAN: logins of the children the platform links to this person. Only these links decide what a
   * parent sees (rule 4); they may differ from the ESIA `kids` on purpose. */
  childrenLogins?: string[];
}

export type PlatformHint = PlatformRecord & PlatformPlace;

export interface DemoDocument {
  type: 'RF_PASSPORT' | 'BIRTH_CERTIFICATE';
  series: string;
  number: string;
  issueDate: string;
}

/** What ESIA returns from `rs/prns/{oid}` (rule 5a), in ISO dates and bare SNILS digits. */
export interface DemoProfile {
  lastName: string;
  firstName: string;
  middleName?: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'M' | 'F';
  /** 11 digits with a valid check digit (rule 9). */
  snils?: string;
  /** A confirmed ESIA account; only such an account is linked automatically (rule 5a). */
  trusted: boolean;
  citizenship: 'RUS';
  document?: DemoDocument;
}

export interface DemoAccount {
  login: string;
  /** ESIA oid, the subject `urn:esia:sbj_id` (rule 1), as a numeric string. */
  oid: string;
  /** Role codes the platform grants this person (empty when the platform does not know them). */
  roles: Role[];
  /** Russian, shown on the dev ESIA login page. */
  note: string;
  profile: DemoProfile;
  /** Logins of the children ESIA itself knows (`/kids`): evidence, never authorization (rule 5a). */
  kids: string[];
  platform: PlatformHint;
}

const passport = (series: string, number: string, issueDate: string): DemoDocument => ({
  type: 'RF_PASSPORT',
  series,
  number,
  issueDate,
});
const birthCertificate = (series: string, number: string, issueDate: string): DemoDocument => ({
  type: 'BIRTH_CERTIFICATE',
  series,
  number,
  issueDate,
});

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    login: 'operator',
    oid: '1000000101',
    roles: ['REGIONAL_OPERATOR'],
    note: 'Региональный оператор (РЦОКИО): весь регион',
    profile: {
      lastName: 'Смирнова',
      firstName: 'Елена',
      middleName: 'Викторовна',
      birthDate: '1979-03-14',
      gender: 'F',
      snils: '12845791389',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7524', '412587', '2024-04-02'),
    },
    kids: [],
    platform: { kind: 'linked' },
  },
  {
    login: 'analyst',
    oid: '1000000102',
    roles: ['MINISTRY_ANALYST'],
    note: 'Аналитик министерства образования: только сводные данные',
    profile: {
      lastName: 'Ковалёв',
      firstName: 'Андрей',
      middleName: 'Сергеевич',
      birthDate: '1985-07-22',
      gender: 'M',
      snils: '13490257152',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7505', '128734', '2005-08-10'),
    },
    kids: [],
    platform: { kind: 'linked' },
  },
  {
    login: 'coordinator',
    oid: '1000000103',
    roles: ['MUNICIPAL_COORDINATOR'],
    note: 'Муниципальный координатор (МОУО) муниципалитета 1',
    profile: {
      lastName: 'Белова',
      firstName: 'Ирина',
      middleName: 'Николаевна',
      birthDate: '1976-11-05',
      gender: 'F',
      snils: '14138820649',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7521', '553019', '2021-11-20'),
    },
    kids: [],
    platform: { kind: 'linked', municipality: 1 },
  },
  {
    login: 'admin',
    oid: '1000000104',
    roles: ['ORG_ADMIN'],
    note: 'Администратор (завуч) школы 1-1',
    profile: {
      lastName: 'Громов',
      firstName: 'Сергей',
      middleName: 'Петрович',
      birthDate: '1972-01-30',
      gender: 'M',
      snils: '15276034960',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7517', '301842', '2017-02-14'),
    },
    kids: [],
    platform: { kind: 'linked', municipality: 1, organization: 'school-1-1' },
  },
  {
    login: 'teacher',
    oid: '1000000105',
    roles: ['TEACHER'],
    note: 'Учитель математики в 5А, школа 1-1',
    profile: {
      lastName: 'Орлова',
      firstName: 'Наталья',
      middleName: 'Владимировна',
      birthDate: '1988-09-12',
      gender: 'F',
      snils: '16301987460',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7508', '667120', '2008-10-01'),
    },
    kids: [],
    platform: { kind: 'linked', municipality: 1, organization: 'school-1-1', teaches: ['5А'], subject: 'Математика' },
  },
  {
    login: 'class-teacher',
    oid: '1000000106',
    roles: ['CLASS_TEACHER', 'TEACHER'],
    note: 'Классный руководитель 5А и учитель русского языка, школа 1-1',
    profile: {
      lastName: 'Воробьёва',
      firstName: 'Татьяна',
      middleName: 'Александровна',
      birthDate: '1981-04-18',
      gender: 'F',
      snils: '11784536276',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7526', '204577', '2026-05-06'),
    },
    kids: [],
    platform: {
      kind: 'linked',
      municipality: 1,
      organization: 'school-1-1',
      leadsClass: '5А',
      teaches: ['5А'],
      subject: 'Русский язык',
    },
  },
  {
    login: 'guardian',
    oid: '1000000107',
    roles: ['GUARDIAN'],
    note: 'Мать двоих детей: 5А и 8Б школы 1-1',
    profile: {
      lastName: 'Кузнецова',
      firstName: 'Ольга',
      middleName: 'Игоревна',
      birthDate: '1983-06-25',
      gender: 'F',
      snils: '17033452840',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7503', '889410', '2003-07-15'),
    },
    kids: ['student', 'student-8b'],
    platform: { kind: 'linked', childrenLogins: ['student', 'student-8b'] },
  },
  {
    login: 'student',
    oid: '1000000108',
    roles: ['STUDENT'],
    note: 'Ученик 5А школы 1-1, 15 лет; согласие родителя получено',
    profile: {
      lastName: 'Кузнецов',
      firstName: 'Дмитрий',
      middleName: 'Алексеевич',
      birthDate: '2011-05-17',
      gender: 'M',
      snils: '14509671370',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7525', '117306', '2025-06-02'),
    },
    kids: [],
    platform: { kind: 'linked', municipality: 1, organization: 'school-1-1', className: '5А' },
  },
  {
    login: 'student-8b',
    oid: '1000000109',
    roles: ['STUDENT'],
    note: 'Ученица 8Б школы 1-1, 14 лет; согласие родителя получено',
    profile: {
      lastName: 'Кузнецова',
      firstName: 'Анна',
      middleName: 'Алексеевна',
      birthDate: '2012-08-09',
      gender: 'F',
      snils: '15982340699',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7526', '430955', '2026-09-01'),
    },
    kids: [],
    platform: { kind: 'linked', municipality: 1, organization: 'school-1-1', className: '8Б' },
  },
  {
    login: 'teacher-parent',
    oid: '1000000110',
    roles: ['TEACHER', 'GUARDIAN'],
    note: 'Учитель истории в 5А школы 1-1 и мать ученика 3Б школы 1-2',
    profile: {
      lastName: 'Лебедева',
      firstName: 'Мария',
      middleName: 'Сергеевна',
      birthDate: '1987-02-03',
      gender: 'F',
      snils: '13857201972',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7507', '512664', '2007-03-01'),
    },
    kids: ['child-3b'],
    platform: {
      kind: 'linked',
      municipality: 1,
      organization: 'school-1-1',
      teaches: ['5А'],
      subject: 'История',
      childrenLogins: ['child-3b'],
    },
  },
  {
    login: 'child-3b',
    oid: '1000000111',
    roles: ['STUDENT'],
    note: 'Ученик 3Б школы 1-2, 8 лет: в Госуслугах зарегистрирован родителем, сам не входит',
    profile: {
      lastName: 'Лебедев',
      firstName: 'Артём',
      middleName: 'Павлович',
      birthDate: '2018-03-21',
      gender: 'M',
      snils: '16620493766',
      trusted: true,
      citizenship: 'RUS',
      document: birthCertificate('IV-ИВ', '583201', '2018-04-02'),
    },
    kids: [],
    platform: { kind: 'linked', municipality: 1, organization: 'school-1-2', className: '3Б' },
  },
  // ESIA lists child-3b as his son, the platform has no guardian link: /kids alone must grant nothing (rule 5a).
  {
    login: 'unlinked',
    oid: '1000000112',
    roles: ['TEACHER'],
    note: 'Учитель физики в 8Б школы 1-1, ещё не входил: запись найдётся по СНИЛС',
    profile: {
      lastName: 'Лебедев',
      firstName: 'Павел',
      middleName: 'Андреевич',
      birthDate: '1985-12-11',
      gender: 'M',
      snils: '14931058259',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7506', '271390', '2006-01-16'),
    },
    kids: ['child-3b'],
    platform: {
      kind: 'unlinked-match-by-snils',
      municipality: 1,
      organization: 'school-1-1',
      teaches: ['8Б'],
      subject: 'Физика',
    },
  },
  {
    login: 'duplicate',
    oid: '1000000113',
    roles: ['TEACHER'],
    note: 'Учитель начальных классов школы 1-2: в системе две записи-дубликата',
    profile: {
      lastName: 'Соколова',
      firstName: 'Галина',
      middleName: 'Михайловна',
      birthDate: '1969-08-28',
      gender: 'F',
      snils: '17265984006',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7514', '920385', '2014-09-10'),
    },
    kids: [],
    platform: {
      kind: 'duplicate-records',
      municipality: 1,
      organization: 'school-1-2',
      teaches: ['3Б'],
      subject: 'Начальные классы',
    },
  },
  {
    login: 'untrusted',
    oid: '1000000114',
    roles: ['TEACHER'],
    note: 'Воспитатель детского сада 1-1: учётная запись Госуслуг не подтверждена',
    profile: {
      lastName: 'Морозова',
      firstName: 'Екатерина',
      middleName: 'Дмитриевна',
      birthDate: '1994-10-07',
      gender: 'F',
      snils: '13174826556',
      trusted: false,
      citizenship: 'RUS',
      document: passport('7514', '338201', '2014-10-20'),
    },
    kids: [],
    platform: {
      kind: 'unlinked-match-by-snils',
      municipality: 1,
      organization: 'kindergarten-1-1',
      teaches: ['Солнышко'],
    },
  },
  {
    login: 'minor',
    oid: '1000000115',
    roles: ['STUDENT'],
    note: 'Ученик 9А школы 1-1, 15 лет: родитель ещё не дал согласие на вход',
    profile: {
      lastName: 'Зайцев',
      firstName: 'Кирилл',
      middleName: 'Олегович',
      birthDate: '2011-09-19',
      gender: 'M',
      snils: '15709312465',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7525', '602183', '2025-10-03'),
    },
    kids: [],
    platform: { kind: 'minor-without-consent', municipality: 1, organization: 'school-1-1', className: '9А' },
  },
  {
    login: 'minor-parent',
    oid: '1000000116',
    roles: ['GUARDIAN'],
    note: 'Отец ученика 9А школы 1-1: согласие на вход сына ещё не выдал',
    profile: {
      lastName: 'Зайцев',
      firstName: 'Олег',
      middleName: 'Викторович',
      birthDate: '1980-05-02',
      gender: 'M',
      snils: '16842570188',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7525', '047712', '2025-05-20'),
    },
    kids: ['minor'],
    platform: { kind: 'linked', childrenLogins: ['minor'] },
  },
  {
    login: 'guardian2',
    oid: '1000000117',
    roles: ['GUARDIAN'],
    note: 'Мать ученицы 4А школы 2-1: другая семья, муниципалитет 2',
    profile: {
      lastName: 'Новикова',
      firstName: 'Светлана',
      middleName: 'Юрьевна',
      birthDate: '1990-01-15',
      gender: 'F',
      snils: '14386729091',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7510', '785430', '2010-02-01'),
    },
    kids: ['child-4a'],
    platform: { kind: 'linked', childrenLogins: ['child-4a'] },
  },
  {
    login: 'child-4a',
    oid: '1000000118',
    roles: ['STUDENT'],
    note: 'Ученица 4А школы 2-1, 9 лет: в Госуслугах зарегистрирована родителем, сама не входит',
    profile: {
      lastName: 'Новикова',
      firstName: 'Полина',
      middleName: 'Романовна',
      birthDate: '2017-06-30',
      gender: 'F',
      snils: '17521048650',
      trusted: true,
      citizenship: 'RUS',
      document: birthCertificate('IV-ИВ', '771064', '2017-07-12'),
    },
    kids: [],
    platform: { kind: 'linked', municipality: 2, organization: 'school-2-1', className: '4А' },
  },
  {
    login: 'admin2',
    oid: '1000000119',
    roles: ['ORG_ADMIN'],
    note: 'Администратор школы 2-1 (муниципалитет 2)',
    profile: {
      lastName: 'Тарасов',
      firstName: 'Виктор',
      middleName: 'Геннадьевич',
      birthDate: '1975-03-09',
      gender: 'M',
      snils: '12965407381',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7520', '664819', '2020-03-25'),
    },
    kids: [],
    platform: { kind: 'linked', municipality: 2, organization: 'school-2-1' },
  },
  {
    // Issue 11: the extra-education centre of municipality 1 manages its programmes and groups.
    login: 'extra-admin',
    oid: '1000000121',
    roles: ['ORG_ADMIN'],
    note: 'Администратор центра дополнительного образования 1-1 (кружки и секции)',
    profile: {
      lastName: 'Лебедева',
      firstName: 'Ирина',
      middleName: 'Алексеевна',
      birthDate: '1979-11-21',
      gender: 'F',
      snils: '14395281781',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7509', '482163', '2009-12-10'),
    },
    kids: [],
    platform: { kind: 'linked', municipality: 1, organization: 'extra-1-1' },
  },
  {
    login: 'stranger',
    oid: '1000000120',
    roles: [],
    note: 'Есть учётная запись Госуслуг, но в системе о нём нет ни одной записи',
    profile: {
      lastName: 'Фёдоров',
      firstName: 'Игорь',
      middleName: 'Николаевич',
      birthDate: '1992-07-04',
      gender: 'M',
      snils: '16138795288',
      trusted: true,
      citizenship: 'RUS',
      document: passport('7512', '359076', '2012-07-20'),
    },
    kids: [],
    platform: { kind: 'no-record' },
  },
];

export function findAccountByLogin(login: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((account) => account.login === login);
}

export function findAccountByOid(oid: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((account) => account.oid === oid);
}

/** Children register in ESIA themselves from 14; younger ones exist only inside a parent's account (rule 5a). */
export const ESIA_SELF_SIGN_IN_AGE = 14;

/** Full years at a moment, from a 'YYYY-MM-DD' birth date: the birthday begins at midnight in the demo's region. */
export function ageOn(birthDate: string, on: Date): number {
  const local = new Date(on.getTime() + DEMO_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
  return ageOnDate(birthDate, local);
}

/** Whether ESIA would let this person sign in themselves on that date. */
export function canSignInToEsia(account: DemoAccount, on: Date = new Date()): boolean {
  return ageOn(account.profile.birthDate, on) >= ESIA_SELF_SIGN_IN_AGE;
}
