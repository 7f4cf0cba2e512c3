-- The «Моя школа» mart (issue 14 §3) needs lessons (topics, homework), events and study periods besides the
-- feed's classes, membership, marks and attendance: the same statement-level triggers write them to
-- learning.changes (keys only). `learningChanges`' API does not list these entities; the mart reads them.
CREATE FUNCTION "learning"."record_lesson_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id)
      SELECT 'LESSON', 'DELETE', o.id, o.organization_id, o.class_id FROM old_rows o;
  ELSE
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id)
      SELECT 'LESSON', 'UPSERT', n.id, n.organization_id, n.class_id FROM new_rows n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lessons_changes_insert AFTER INSERT ON learning.lessons
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_lesson_changes();
--> statement-breakpoint
CREATE TRIGGER lessons_changes_update AFTER UPDATE ON learning.lessons
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_lesson_changes();
--> statement-breakpoint
CREATE TRIGGER lessons_changes_delete AFTER DELETE ON learning.lessons
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_lesson_changes();
--> statement-breakpoint
CREATE FUNCTION "learning"."record_event_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id)
      SELECT 'EVENT', 'DELETE', o.id, o.organization_id, o.class_id FROM old_rows o;
  ELSE
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id)
      SELECT 'EVENT', 'UPSERT', n.id, n.organization_id, n.class_id FROM new_rows n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER events_changes_insert AFTER INSERT ON learning.events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_event_changes();
--> statement-breakpoint
CREATE TRIGGER events_changes_update AFTER UPDATE ON learning.events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_event_changes();
--> statement-breakpoint
CREATE TRIGGER events_changes_delete AFTER DELETE ON learning.events
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_event_changes();
--> statement-breakpoint
CREATE FUNCTION "learning"."record_study_period_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id)
      SELECT 'STUDY_PERIOD', 'DELETE', o.id, o.organization_id FROM old_rows o;
  ELSE
    INSERT INTO learning.changes (entity, kind, entity_id, organization_id)
      SELECT 'STUDY_PERIOD', 'UPSERT', n.id, n.organization_id FROM new_rows n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER study_periods_changes_insert AFTER INSERT ON learning.study_periods
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_study_period_changes();
--> statement-breakpoint
CREATE TRIGGER study_periods_changes_update AFTER UPDATE ON learning.study_periods
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_study_period_changes();
--> statement-breakpoint
CREATE TRIGGER study_periods_changes_delete AFTER DELETE ON learning.study_periods
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION learning.record_study_period_changes();
--> statement-breakpoint
-- A database that already holds data: one UPSERT per existing row, as 0024 did for the feed's entities.
INSERT INTO learning.changes (entity, kind, entity_id, organization_id)
  SELECT 'STUDY_PERIOD', 'UPSERT', id, organization_id FROM learning.study_periods;
--> statement-breakpoint
INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id)
  SELECT 'LESSON', 'UPSERT', id, organization_id, class_id FROM learning.lessons;
--> statement-breakpoint
INSERT INTO learning.changes (entity, kind, entity_id, organization_id, class_id)
  SELECT 'EVENT', 'UPSERT', id, organization_id, class_id FROM learning.events;
