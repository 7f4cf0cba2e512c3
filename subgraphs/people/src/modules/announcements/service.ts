/**
 * Announcements' rules (issue 15 §1): an org admin publishes to their school, a class teacher to the class
 * they lead, a municipal coordinator to their municipality — each target comes from one grant carrying
 * `announcements:write`; validity is a period of region dates (UTC+5), both days inclusive.
 */
import { badInput, forbidden, regionToday } from '@region/kit';
import type { Database } from '@region/db';
import type { PeoplePolicy } from '../../policy.ts';
import {
  announcementById,
  announcementsBy,
  announcementsFor,
  fanOutAnnouncement,
  insertAnnouncement,
  targetTitles,
  type AnnouncementAudience,
  type AnnouncementRow,
  type AnnouncementScope,
} from './repository.ts';

export interface Target {
  scope: AnnouncementScope;
  organizationId: string | null;
  classId: string | null;
  municipalityId: string | null;
}

export const TITLE_MAX = 200;
export const BODY_MAX = 5000;
/** An announcement is about the school year at most. */
export const PERIOD_MAX_DAYS = 366;

/** The targets the principal's grants give, one per grant. */
export function targetsOf(policy: PeoplePolicy): Target[] {
  const targets: Target[] = [];
  for (const grant of policy.grantsWith('announcements:write')) {
    const territory = grant.territory;
    if (grant.role === 'ORG_ADMIN' && territory.kind === 'ORGANIZATION') {
      targets.push({
        scope: 'ORGANIZATION',
        organizationId: territory.organizationId,
        classId: null,
        municipalityId: null,
      });
    } else if (grant.role === 'CLASS_TEACHER' && territory.kind === 'CLASS') {
      targets.push({
        scope: 'CLASS',
        organizationId: territory.organizationId,
        classId: territory.classId,
        municipalityId: null,
      });
    } else if (grant.role === 'MUNICIPAL_COORDINATOR' && territory.kind === 'MUNICIPALITY') {
      targets.push({
        scope: 'MUNICIPALITY',
        organizationId: null,
        classId: null,
        municipalityId: territory.municipalityId,
      });
    }
  }
  return targets;
}

export async function titledTargets(db: Database, policy: PeoplePolicy) {
  const targets = targetsOf(policy);
  const titles = await targetTitles(db, {
    organizationIds: targets.flatMap((t) => (t.organizationId ? [t.organizationId] : [])),
    classIds: targets.flatMap((t) => (t.classId ? [t.classId] : [])),
    municipalityIds: targets.flatMap((t) => (t.municipalityId ? [t.municipalityId] : [])),
  });
  return targets.map((target) => ({
    ...target,
    title:
      target.scope === 'CLASS'
        ? `${titles.get(target.classId!) ?? 'Класс'} — ${titles.get(target.organizationId!) ?? ''}`
        : (titles.get(target.organizationId ?? target.municipalityId!) ?? ''),
  }));
}

export function currentAnnouncements(db: Database, policy: PeoplePolicy, now: Date): Promise<AnnouncementRow[]> {
  const me = policy.personId;
  if (!me || policy.principal.kind !== 'PERSON') return Promise.resolve([]);
  return announcementsFor(
    db,
    policy.principal.grants,
    me,
    regionToday(() => now),
  );
}

export function ownAnnouncements(db: Database, policy: PeoplePolicy): Promise<AnnouncementRow[]> {
  return policy.personId ? announcementsBy(db, policy.personId) : Promise.resolve([]);
}

const sameTarget = (a: Target, b: Target) =>
  a.scope === b.scope &&
  (a.organizationId ?? null) === (b.organizationId ?? null) &&
  (a.classId ?? null) === (b.classId ?? null) &&
  (a.municipalityId ?? null) === (b.municipalityId ?? null);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function publishAnnouncement(
  db: Database,
  policy: PeoplePolicy,
  now: Date,
  input: {
    scope: AnnouncementScope;
    organizationId?: string | null;
    classId?: string | null;
    municipalityId?: string | null;
    audiences: readonly AnnouncementAudience[];
    title: string;
    body: string;
    validFrom: string;
    validTo: string;
  },
): Promise<AnnouncementRow> {
  const me = policy.personId;
  if (!me || !policy.holds('announcements:write'))
    throw forbidden('Публиковать объявления может администрация школы, классный руководитель или координатор.');
  const title = input.title.trim();
  if (!title) throw badInput('Заполните заголовок объявления.', 'title');
  if (title.length > TITLE_MAX) throw badInput(`Заголовок: не длиннее ${TITLE_MAX} знаков.`, 'title');
  const body = input.body.trim();
  if (!body) throw badInput('Заполните текст объявления.', 'body');
  if (body.length > BODY_MAX) throw badInput(`Текст: не длиннее ${BODY_MAX} знаков.`, 'body');
  const audiences = [...new Set(input.audiences)];
  if (audiences.length === 0)
    throw badInput('Выберите, кому объявление: родителям, обучающимся или сотрудникам.', 'audiences');
  if (!DATE.test(input.validFrom)) throw badInput('Укажите дату начала.', 'validFrom');
  if (!DATE.test(input.validTo)) throw badInput('Укажите дату окончания.', 'validTo');
  if (input.validTo < input.validFrom) throw badInput('Дата окончания раньше даты начала.', 'validTo');
  const today = regionToday(() => now);
  if (input.validTo < today) throw badInput('Период объявления уже прошёл.', 'validTo');
  const days = (Date.parse(input.validTo) - Date.parse(input.validFrom)) / 86_400_000;
  if (days > PERIOD_MAX_DAYS) throw badInput('Объявление действует не дольше года.', 'validTo');
  const target: Target = {
    scope: input.scope,
    organizationId: input.organizationId ?? null,
    classId: input.classId ?? null,
    municipalityId: input.municipalityId ?? null,
  };
  if (!targetsOf(policy).some((allowed) => sameTarget(allowed, target))) {
    throw forbidden('Сюда вы публиковать не можете: только в свою школу, свой класс или свой муниципалитет.');
  }
  const id = await db.transaction(async (tx) => {
    const id = await insertAnnouncement(tx, {
      authorId: me,
      ...target,
      audiences,
      title,
      body,
      validFrom: input.validFrom,
      validTo: input.validTo,
      createdAt: now,
    });
    await fanOutAnnouncement(tx, id);
    return id;
  });
  return (await announcementById(db, id))!;
}
