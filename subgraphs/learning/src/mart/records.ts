/**
 * The «Моя школа» mart's records (issue 14 §3): pure functions from learning's rows to what the federal
 * receiver takes. Only what the federal format needs (Постановление № 1241: journal, diary, schedule): no
 * names, birth dates, documents, contacts, free-text comments or event descriptions. Persons are pseudonymous:
 * an HMAC of the person id under the mart's key, stable across batches, so the receiver links a learner's
 * marks without learning who the learner is from the mart; no one without the key can go back to the person.
 */
import { createHmac } from 'node:crypto';

export const MART_ENTITIES = [
  'STUDY_PERIOD',
  'CLASS',
  'CLASS_MEMBERSHIP',
  'LESSON',
  'MARK',
  'ATTENDANCE',
  'EVENT',
] as const;
export type MartEntity = (typeof MART_ENTITIES)[number];

export type MartRecordType =
  'STUDY_PERIOD' | 'CLASS' | 'CLASS_MEMBERSHIP' | 'LEARNER' | 'LESSON' | 'MARK' | 'ABSENCE' | 'EVENT';

export interface MartRecord {
  type: MartRecordType;
  op: 'UPSERT' | 'DELETE';
  id: string;
  data?: Record<string, unknown>;
}

/** The record type a change-log entity travels as (attendance rows are absences: presence has no row). */
export const RECORD_TYPE: Record<MartEntity, MartRecordType> = {
  STUDY_PERIOD: 'STUDY_PERIOD',
  CLASS: 'CLASS',
  CLASS_MEMBERSHIP: 'CLASS_MEMBERSHIP',
  LESSON: 'LESSON',
  MARK: 'MARK',
  ATTENDANCE: 'ABSENCE',
  EVENT: 'EVENT',
};

/** A person's id as the receiver sees it: 32 hex digits of HMAC-SHA256(key, id). */
export function pseudonym(key: string, personId: string): string {
  return createHmac('sha256', key).update(personId).digest('hex').slice(0, 32);
}

/**
 * The batch id and the receiver's idempotency key: the organization, the feed and the log range it was cut
 * from. The range is stored with the batch, so a retry sends this very id again.
 */
export function batchId(organizationId: string, feed: string, from: string, to: string): string {
  return `${organizationId}:${feed}:${from}..${to}`;
}

export function deletion(entity: MartEntity, id: string): MartRecord {
  return { type: RECORD_TYPE[entity], op: 'DELETE', id };
}

/** The learner forgotten (consent withdrawn, merged, deleted): the receiver drops the learner and their records. */
export function learnerDeletion(key: string, personId: string): MartRecord {
  return { type: 'LEARNER', op: 'DELETE', id: pseudonym(key, personId) };
}
