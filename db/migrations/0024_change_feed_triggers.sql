-- The change feed (issue 14 §2, docs/architecture.md «Municipal systems»): every write to a fed table adds its
-- keys to the schema's `changes` log in the same transaction, through statement-level triggers over transition
-- tables (one INSERT … SELECT per statement, however many rows it wrote: a bulk load stays a bulk load). The
-- row's `txid` defaults to `pg_current_xact_id()`: the version is the writing transaction. Keys only, no values.
--
-- Kinds: UPSERT for a row written; DELETE for a row deleted, a mark deleted (`deleted_at`), a person merged
-- into another (reason MERGED) and a withdrawn consent to processing (reason CONSENT_WITHDRAWN) — tombstones,
-- so a copy elsewhere forgets what it must forget (rule 5). A person's territory is the organization of their
-- current enrolment, else the one that registered the card.
CREATE FUNCTION "people"."record_organization_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO people.changes (entity, kind, entity_id, organization_id)
      SELECT 'ORGANIZATION', 'DELETE', o.id, o.id FROM old_rows o;
  ELSE
    INSERT INTO people.changes (entity, kind, entity_id, organization_id)
      SELECT 'ORGANIZATION', 'UPSERT', n.id, n.id FROM new_rows n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organizations_changes_insert AFTER INSERT ON people.organizations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people.record_organization_changes();
--> statement-breakpoint
CREATE TRIGGER organizations_changes_update AFTER UPDATE ON people.organizations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people.record_organization_changes();
--> statement-breakpoint
CREATE TRIGGER organizations_changes_delete AFTER DELETE ON people.organizations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people.record_organization_changes();
--> statement-breakpoint
-- A login stamps `last_login_at` (and a card edit `updated_at`): an update changing nothing else is no change.
CREATE FUNCTION "people"."record_person_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO people.changes (entity, kind, entity_id, person_id, organization_id)
      SELECT 'PERSON', 'DELETE', o.id, o.id, o.registered_by_organization_id FROM old_rows o;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO people.changes (entity, kind, entity_id, person_id, organization_id, reason)
      SELECT 'PERSON', CASE WHEN n.merged_into IS NULL THEN 'UPSERT' ELSE 'DELETE' END, n.id, n.id,
             coalesce(e.organization_id, n.registered_by_organization_id),
             CASE WHEN n.merged_into IS NULL THEN NULL ELSE 'MERGED' END
      FROM new_rows n
      LEFT JOIN people.enrolments e ON e.person_id = n.id AND e.ended_on IS NULL;
  ELSE
    INSERT INTO people.changes (entity, kind, entity_id, person_id, organization_id, reason)
      SELECT 'PERSON', CASE WHEN n.merged_into IS NULL THEN 'UPSERT' ELSE 'DELETE' END, n.id, n.id,
             coalesce(e.organization_id, n.registered_by_organization_id),
             CASE WHEN n.merged_into IS NULL THEN NULL ELSE 'MERGED' END
      FROM new_rows n
      JOIN old_rows o ON o.id = n.id
      LEFT JOIN people.enrolments e ON e.person_id = n.id AND e.ended_on IS NULL
      WHERE to_jsonb(n) - 'last_login_at' - 'updated_at' IS DISTINCT FROM to_jsonb(o) - 'last_login_at' - 'updated_at';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER persons_changes_insert AFTER INSERT ON people.persons
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people.record_person_changes();
--> statement-breakpoint
CREATE TRIGGER persons_changes_update AFTER UPDATE ON people.persons
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people.record_person_changes();
--> statement-breakpoint
CREATE TRIGGER persons_changes_delete AFTER DELETE ON people.persons
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people.record_person_changes();
--> statement-breakpoint
CREATE FUNCTION "people"."record_enrolment_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO people.changes (entity, kind, entity_id, person_id, organization_id, class_id)
      SELECT 'ENROLMENT', 'DELETE', o.id, o.person_id, o.organization_id, o.class_id FROM old_rows o;
  ELSE
    INSERT INTO people.changes (entity, kind, entity_id, person_id, organization_id, class_id)
      SELECT 'ENROLMENT', 'UPSERT', n.id, n.person_id, n.organization_id, n.class_id FROM new_rows n;
    -- The person's place changed too (and a new enrolment brings the person into the school's territory).
    INSERT INTO people.changes (entity, kind, entity_id, person_id, organization_id)
      SELECT 'PERSON', 'UPSERT', n.person_id, n.person_id, n.organization_id FROM new_rows n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER enrolments_changes_insert AFTER INSERT ON people.enrolments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people.record_enrolment_changes();
--> statement-breakpoint
CREATE TRIGGER enrolments_changes_update AFTER UPDATE ON people.enrolments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people.record_enrolment_changes();
--> statement-breakpoint
CREATE TRIGGER enrolments_changes_delete AFTER DELETE ON people.enrolments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people.record_enrolment_changes();
--> statement-breakpoint
-- Consent to processing (rule 5): granted → the person is a plain UPSERT again; withdrawn → a tombstone.
CREATE FUNCTION "people"."record_consent_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO people.changes (entity, kind, entity_id, person_id, organization_id, reason)
    SELECT 'PERSON', CASE WHEN n.withdrawn_at IS NULL THEN 'UPSERT' ELSE 'DELETE' END, n.person_id, n.person_id,
           coalesce(e.organization_id, p.registered_by_organization_id),
           CASE WHEN n.withdrawn_at IS NULL THEN 'CONSENT_GRANTED' ELSE 'CONSENT_WITHDRAWN' END
    FROM new_rows n
    JOIN people.persons p ON p.id = n.person_id
    LEFT JOIN people.enrolments e ON e.person_id = n.person_id AND e.ended_on IS NULL
    WHERE n.kind = 'PROCESSING';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER consents_changes_insert AFTER INSERT ON people.consents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people.record_consent_changes();
--> statement-breakpoint
CREATE TRIGGER consents_changes_update AFTER UPDATE ON people.consents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people.record_consent_changes();
--> statement-breakpoint
CREATE FUNCTION "learning"."record_class_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id)
      SELECT 'CLASS', 'DELETE', o.id, o.organization_id, o.id FROM old_rows o;
  ELSE
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id)
      SELECT 'CLASS', 'UPSERT', n.id, n.organization_id, n.id FROM new_rows n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER classes_changes_insert AFTER INSERT ON learning.classes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_class_changes();
--> statement-breakpoint
CREATE TRIGGER classes_changes_update AFTER UPDATE ON learning.classes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_class_changes();
--> statement-breakpoint
CREATE TRIGGER classes_changes_delete AFTER DELETE ON learning.classes
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_class_changes();
--> statement-breakpoint
CREATE FUNCTION "learning"."record_class_member_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id, person_id)
      SELECT 'CLASS_MEMBERSHIP', 'DELETE', o.id, c.organization_id, o.class_id, o.person_id
      FROM old_rows o JOIN learning.classes c ON c.id = o.class_id;
  ELSE
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id, person_id)
      SELECT 'CLASS_MEMBERSHIP', 'UPSERT', n.id, c.organization_id, n.class_id, n.person_id
      FROM new_rows n JOIN learning.classes c ON c.id = n.class_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER class_members_changes_insert AFTER INSERT ON learning.class_members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_class_member_changes();
--> statement-breakpoint
CREATE TRIGGER class_members_changes_update AFTER UPDATE ON learning.class_members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_class_member_changes();
--> statement-breakpoint
CREATE TRIGGER class_members_changes_delete AFTER DELETE ON learning.class_members
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_class_member_changes();
--> statement-breakpoint
-- Marks are deleted by setting `deleted_at` (history keeps them): that update is the tombstone.
CREATE FUNCTION "learning"."record_mark_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id, person_id)
      SELECT 'MARK', 'DELETE', o.id, o.organization_id, o.class_id, o.student_id FROM old_rows o;
  ELSE
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id, person_id)
      SELECT 'MARK', CASE WHEN n.deleted_at IS NULL THEN 'UPSERT' ELSE 'DELETE' END, n.id, n.organization_id,
             n.class_id, n.student_id
      FROM new_rows n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER marks_changes_insert AFTER INSERT ON learning.marks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_mark_changes();
--> statement-breakpoint
CREATE TRIGGER marks_changes_update AFTER UPDATE ON learning.marks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_mark_changes();
--> statement-breakpoint
CREATE TRIGGER marks_changes_delete AFTER DELETE ON learning.marks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_mark_changes();
--> statement-breakpoint
-- Presence is the absence of a row: a deleted attendance row (marked present again) is a tombstone.
CREATE FUNCTION "learning"."record_attendance_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id, person_id)
      SELECT 'ATTENDANCE', 'DELETE', o.id, o.organization_id, o.class_id, o.student_id FROM old_rows o;
  ELSE
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id, person_id)
      SELECT 'ATTENDANCE', 'UPSERT', n.id, n.organization_id, n.class_id, n.student_id FROM new_rows n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attendance_changes_insert AFTER INSERT ON learning.attendance
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_attendance_changes();
--> statement-breakpoint
CREATE TRIGGER attendance_changes_update AFTER UPDATE ON learning.attendance
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_attendance_changes();
--> statement-breakpoint
CREATE TRIGGER attendance_changes_delete AFTER DELETE ON learning.attendance
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_attendance_changes();
--> statement-breakpoint
-- A database that already holds data starts its feed with one UPSERT per existing row (in this transaction).
INSERT INTO people.changes (entity, kind, entity_id, organization_id) SELECT 'ORGANIZATION', 'UPSERT', id, id FROM people.organizations;
--> statement-breakpoint
INSERT INTO people.changes (entity, kind, entity_id, person_id, organization_id)
  SELECT 'PERSON', 'UPSERT', p.id, p.id, coalesce(e.organization_id, p.registered_by_organization_id)
  FROM people.persons p LEFT JOIN people.enrolments e ON e.person_id = p.id AND e.ended_on IS NULL
  WHERE p.merged_into IS NULL;
--> statement-breakpoint
INSERT INTO people.changes (entity, kind, entity_id, person_id, organization_id, class_id)
  SELECT 'ENROLMENT', 'UPSERT', id, person_id, organization_id, class_id FROM people.enrolments;
--> statement-breakpoint
INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id) SELECT 'CLASS', 'UPSERT', id, organization_id, id FROM learning.classes;
--> statement-breakpoint
INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id, person_id)
  SELECT 'CLASS_MEMBERSHIP', 'UPSERT', m.id, c.organization_id, m.class_id, m.person_id
  FROM learning.class_members m JOIN learning.classes c ON c.id = m.class_id;
--> statement-breakpoint
INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id, person_id)
  SELECT 'MARK', 'UPSERT', id, organization_id, class_id, student_id FROM learning.marks WHERE deleted_at IS NULL;
--> statement-breakpoint
INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id, person_id)
  SELECT 'ATTENDANCE', 'UPSERT', id, organization_id, class_id, student_id FROM learning.attendance;
