/** Russian names of communication enums (keyed by the generated types, so a new value fails the type-check). */
import type { AnnouncementAudience, NotificationKind, RecipientRelation } from '../../generated/graphql.ts';

export const RELATION_GROUPS: Record<RecipientRelation, string> = {
  GUARDIAN: 'Родители',
  LEARNER: 'Ученики',
  TEACHER: 'Учителя',
  CLASS_TEACHER: 'Классные руководители',
  SCHOOL_ADMIN: 'Администрация школы',
  STAFF: 'Сотрудники',
};

export const AUDIENCES: Record<AnnouncementAudience, string> = {
  GUARDIANS: 'Родителям',
  LEARNERS: 'Обучающимся',
  STAFF: 'Сотрудникам',
};

export const NOTIFICATION_KINDS: Record<NotificationKind, string> = {
  MESSAGE: 'Новые сообщения',
  ANNOUNCEMENT: 'Объявления',
  MARK: 'Отметки',
  ABSENCE: 'Пропуски и опоздания',
  HOMEWORK: 'Домашние задания',
  CONSENT_REQUEST: 'Запросы согласия',
  APPLICATION: 'Статус заявлений о приёме',
};
