/**
 * Learning's outbox to people (issue 15 §1, «Notifications of the journal» in docs/architecture.md): a new or
 * corrected mark, an absence and new homework, written in the transaction of the journal change and delivered
 * by the `learning-people-outbox` worker to people's `recordJournalNotice` as the `learning-notifications`
 * service account; people turns each into notifications for the learner and their guardians. Its own table,
 * apart from any other delivery learning makes, so a slow receiver holds back only its own messages. Ordered
 * per learner (a homework notice: per lesson); the columns are the kit's outbox worker's.
 */
import { sql } from 'drizzle-orm';
import { bigserial, index, uuid } from 'drizzle-orm/pg-core';
import { learning } from './common.ts';
import { outboxDeliveryColumns } from '../outbox-columns.ts';

export const peopleOutbox = learning.table(
  'people_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The learner a mark or absence is about, or the lesson of a homework notice. */
    aboutId: uuid('about_id').notNull(),
    ...outboxDeliveryColumns(),
  },
  (t) => [
    index('learning_people_outbox_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.deliveredAt} is null`),
    index('learning_people_outbox_about_pending_idx')
      .on(t.aboutId, t.event, t.id)
      .where(sql`${t.deliveredAt} is null`),
  ],
);
