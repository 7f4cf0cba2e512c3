/**
 * Communication (issue 15 §1): messages, announcements and notifications. The tables live in the `people`
 * schema and are owned by the people subgraph: who may write to whom is decided by role grants, class
 * membership (`enrolments.class_id`), guardianship and employment — all people's own rows — so every check is
 * one SQL statement inside one subgraph (docs/architecture.md, «Communication»).
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { municipalities, organizations, people, persons } from './people.ts';
import { outboxDeliveryColumns } from './outbox-columns.ts';

const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`uuidv7()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A conversation between exactly two persons. A message to several recipients (a class's parents) opens one
 * thread per recipient, so no parent learns who else was written to or reads another family's answer.
 */
export const messageThreads = people.table(
  'message_threads',
  {
    id: id(),
    subject: text('subject').notNull(),
    /** The school the conversation belongs to (the writer's grant's organization): retention and support. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => persons.id),
    createdAt: createdAt(),
    /** Retention counts from here: a thread disappears a year after its last message. */
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('message_threads_last_idx').on(t.lastMessageAt)],
);

export const messageParticipants = people.table(
  'message_participants',
  {
    threadId: uuid('thread_id')
      .notNull()
      .references(() => messageThreads.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** Messages after this moment (by others) are unread; null: nothing read yet. */
    lastReadAt: timestamp('last_read_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.personId] }), index('message_participants_person_idx').on(t.personId)],
);

/**
 * One message. Attachments (issue 15 §2, later) are a table of their own keyed by `message_id` and a field
 * `Message.attachments` of their module; nothing here changes for them.
 */
export const messages = people.table(
  'messages',
  {
    id: id(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => messageThreads.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => persons.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('messages_thread_idx').on(t.threadId, t.createdAt)],
);

export const announcementScope = people.enum('announcement_scope', ['ORGANIZATION', 'CLASS', 'MUNICIPALITY']);
export const announcementAudience = people.enum('announcement_audience', ['GUARDIANS', 'LEARNERS', 'STAFF']);

/** An announcement to a school, a class or a municipality, for some audiences, valid over region dates. */
export const announcements = people.table(
  'announcements',
  {
    id: id(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => persons.id),
    scope: announcementScope('scope').notNull(),
    /** The school (ORGANIZATION, CLASS). */
    organizationId: uuid('organization_id').references(() => organizations.id),
    /** A learning class id (CLASS); no foreign key across schemas. */
    classId: uuid('class_id'),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    audiences: announcementAudience('audiences').array().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Region dates (UTC+5), both inclusive. */
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('announcements_organization_idx').on(t.organizationId, t.validTo),
    index('announcements_municipality_idx').on(t.municipalityId, t.validTo),
    check(
      'announcements_scope_shape',
      sql`(${t.scope} = 'MUNICIPALITY') = (${t.municipalityId} is not null)
        and (${t.scope} in ('ORGANIZATION', 'CLASS')) = (${t.organizationId} is not null)
        and (${t.scope} = 'CLASS') = (${t.classId} is not null)`,
    ),
    check('announcements_period', sql`${t.validFrom} <= ${t.validTo}`),
    check('announcements_audience', sql`cardinality(${t.audiences}) > 0`),
  ],
);

/**
 * MARK, ABSENCE and HOMEWORK come from learning's journal through its outbox (`recordJournalNotice`);
 * CONSENT_REQUEST is people's own (a minor asked to log in, rule 3); APPLICATION comes from admissions' outbox
 * (`recordApplicationNotice`): a status change of an application, told to its applicant.
 */
export const notificationKind = people.enum('notification_kind', [
  'MESSAGE',
  'ANNOUNCEMENT',
  'MARK',
  'ABSENCE',
  'HOMEWORK',
  'CONSENT_REQUEST',
  'APPLICATION',
]);

/** The bell: one row per person and event, written in the transaction of the event. */
export const notifications = people.table(
  'notifications',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: notificationKind('kind').notNull(),
    title: text('title').notNull(),
    threadId: uuid('thread_id').references(() => messageThreads.id, { onDelete: 'cascade' }),
    announcementId: uuid('announcement_id').references(() => announcements.id, { onDelete: 'cascade' }),
    /** Region date from which it shows (an announcement's first day). */
    visibleFrom: date('visible_from').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** The learner a journal notice (mark, absence, homework) or a consent request is about. */
    aboutPersonId: uuid('about_person_id').references(() => persons.id),
  },
  (t) => [index('notifications_person_idx').on(t.personId, t.createdAt)],
);

/** Which notifications a person wants (absent row: the default, in the client and no e-mail). */
export const notificationSettings = people.table(
  'notification_settings',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: notificationKind('kind').notNull(),
    inApp: boolean('in_app').notNull().default(true),
    /** Also by e-mail (to the card's address, through `email_outbox`); off unless the person turns it on. */
    email: boolean('email').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.personId, t.kind] })],
);

/**
 * The keys of journal notices already turned into notifications (learning's outbox delivers at least once):
 * a retried delivery finds its key and writes nothing. Kept as long as notifications (90 days).
 */
export const receivedNotices = people.table('received_notices', {
  key: text('key').primaryKey(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * E-mail copies of notifications (issue 15 §1), written in the transaction of the notification for each
 * person who chose e-mail for its kind and has an address on the card; the `people-mail` worker sends them to
 * the SMTP relay (`SMTP_HOST`, `SMTP_PORT`). Ordered per person; the columns are the kit's outbox worker's.
 */
export const emailOutbox = people.table(
  'email_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personId: uuid('person_id').notNull(),
    ...outboxDeliveryColumns(),
  },
  (t) => [
    index('email_outbox_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.deliveredAt} is null`),
    index('email_outbox_person_pending_idx')
      .on(t.personId, t.event, t.id)
      .where(sql`${t.deliveredAt} is null`),
  ],
);

/** PENDING: a scanner that answers later has not answered yet; only CLEAN files are downloaded. */
export const messageFileScanStatus = people.enum('message_file_scan_status', ['PENDING', 'CLEAN', 'INFECTED']);

/**
 * A file attached to a message (issue 15 §1). It is uploaded first (`message_id` null, only its uploader may
 * attach it) and attached by `sendMessage`/`replyToThread`. A message to several recipients is one message per
 * thread, so each thread's message gets its own row over the same stored bytes (`storage_key` is shared, and the
 * bytes go when the last row goes). The rows go with their message (retention cascades).
 */
export const messageFiles = people.table(
  'message_files',
  {
    id: id(),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => persons.id),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    scanStatus: messageFileScanStatus('scan_status').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('message_files_message_idx').on(t.messageId),
    index('message_files_uploader_idx')
      .on(t.uploadedBy)
      .where(sql`${t.messageId} is null`),
    index('message_files_storage_key_idx').on(t.storageKey),
    check('message_files_size', sql`${t.size} > 0`),
  ],
);
