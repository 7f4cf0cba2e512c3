-- The change feed of applications (issue 14 §2; the method: 0019_change_feed_triggers.sql). An application belongs
-- to the territory of each organization it names — its choices and the organization it was directed to — so it
-- is logged once per such organization. A choice removed is a tombstone for that organization. The child's id is
-- the change's person; the applicant is not named.
CREATE FUNCTION "admissions"."record_application_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO admissions.changes (entity, kind, entity_id, person_id, organization_id)
      SELECT DISTINCT 'APPLICATION', 'DELETE', o.id, o.child_id, places.organization_id
      FROM old_rows o
      CROSS JOIN LATERAL (
        SELECT c.organization_id FROM admissions.application_choices c WHERE c.application_id = o.id
        UNION SELECT o.directed_organization_id WHERE o.directed_organization_id IS NOT NULL
      ) places;
  ELSE
    INSERT INTO admissions.changes (entity, kind, entity_id, person_id, organization_id)
      SELECT DISTINCT 'APPLICATION', 'UPSERT', n.id, n.child_id, places.organization_id
      FROM new_rows n
      CROSS JOIN LATERAL (
        SELECT c.organization_id FROM admissions.application_choices c WHERE c.application_id = n.id
        UNION SELECT n.directed_organization_id WHERE n.directed_organization_id IS NOT NULL
      ) places;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER applications_changes_insert AFTER INSERT ON admissions.applications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admissions.record_application_changes();
--> statement-breakpoint
CREATE TRIGGER applications_changes_update AFTER UPDATE ON admissions.applications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admissions.record_application_changes();
--> statement-breakpoint
CREATE TRIGGER applications_changes_delete AFTER DELETE ON admissions.applications
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION admissions.record_application_changes();
--> statement-breakpoint
CREATE FUNCTION "admissions"."record_application_choice_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO admissions.changes (entity, kind, entity_id, person_id, organization_id)
      SELECT 'APPLICATION', 'DELETE', o.application_id, a.child_id, o.organization_id
      FROM old_rows o JOIN admissions.applications a ON a.id = o.application_id
      WHERE a.directed_organization_id IS DISTINCT FROM o.organization_id;
  ELSE
    INSERT INTO admissions.changes (entity, kind, entity_id, person_id, organization_id)
      SELECT 'APPLICATION', 'UPSERT', n.application_id, a.child_id, n.organization_id
      FROM new_rows n JOIN admissions.applications a ON a.id = n.application_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER application_choices_changes_insert AFTER INSERT ON admissions.application_choices
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admissions.record_application_choice_changes();
--> statement-breakpoint
CREATE TRIGGER application_choices_changes_update AFTER UPDATE ON admissions.application_choices
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admissions.record_application_choice_changes();
--> statement-breakpoint
CREATE TRIGGER application_choices_changes_delete AFTER DELETE ON admissions.application_choices
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION admissions.record_application_choice_changes();
--> statement-breakpoint
INSERT INTO admissions.changes (entity, kind, entity_id, person_id, organization_id)
  SELECT DISTINCT 'APPLICATION', 'UPSERT', a.id, a.child_id, places.organization_id
  FROM admissions.applications a
  CROSS JOIN LATERAL (
    SELECT c.organization_id FROM admissions.application_choices c WHERE c.application_id = a.id
    UNION SELECT a.directed_organization_id WHERE a.directed_organization_id IS NOT NULL
  ) places;
