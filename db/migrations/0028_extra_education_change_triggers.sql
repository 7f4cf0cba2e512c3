-- The change feed of extra education (issue 14 §2; the method: 0019_change_feed_triggers.sql). A certificate
-- belongs to its municipality (rule 19: issued by the child's municipality, read by its coordinator), so its rows
-- carry `municipality_id` and no organization; a change of its status (FROZEN/ACTUAL) is an UPSERT of the
-- certificate. A contract belongs to its organization. The child is the change's person; keys only.
CREATE FUNCTION "extra_education"."record_certificate_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO extra_education.changes (entity, kind, entity_id, person_id, municipality_id)
      SELECT 'CERTIFICATE', 'DELETE', o.id, o.person_id, o.municipality_id FROM old_rows o;
  ELSE
    INSERT INTO extra_education.changes (entity, kind, entity_id, person_id, municipality_id)
      SELECT 'CERTIFICATE', 'UPSERT', n.id, n.person_id, n.municipality_id FROM new_rows n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER certificates_changes_insert AFTER INSERT ON extra_education.certificates
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION extra_education.record_certificate_changes();
--> statement-breakpoint
CREATE TRIGGER certificates_changes_update AFTER UPDATE ON extra_education.certificates
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION extra_education.record_certificate_changes();
--> statement-breakpoint
CREATE TRIGGER certificates_changes_delete AFTER DELETE ON extra_education.certificates
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION extra_education.record_certificate_changes();
--> statement-breakpoint
CREATE FUNCTION "extra_education"."record_certificate_status_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO extra_education.changes (entity, kind, entity_id, person_id, municipality_id)
    SELECT DISTINCT 'CERTIFICATE', 'UPSERT', c.id, c.person_id, c.municipality_id
    FROM new_rows n JOIN extra_education.certificates c ON c.id = n.certificate_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER certificate_status_changes_changes_insert AFTER INSERT ON extra_education.certificate_status_changes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION extra_education.record_certificate_status_changes();
--> statement-breakpoint
CREATE FUNCTION "extra_education"."record_contract_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO extra_education.changes (entity, kind, entity_id, person_id, organization_id)
      SELECT 'CONTRACT', 'DELETE', o.id, o.child_id, o.organization_id FROM old_rows o;
  ELSE
    INSERT INTO extra_education.changes (entity, kind, entity_id, person_id, organization_id)
      SELECT 'CONTRACT', 'UPSERT', n.id, n.child_id, n.organization_id FROM new_rows n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contracts_changes_insert AFTER INSERT ON extra_education.contracts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION extra_education.record_contract_changes();
--> statement-breakpoint
CREATE TRIGGER contracts_changes_update AFTER UPDATE ON extra_education.contracts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION extra_education.record_contract_changes();
--> statement-breakpoint
CREATE TRIGGER contracts_changes_delete AFTER DELETE ON extra_education.contracts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION extra_education.record_contract_changes();
--> statement-breakpoint
INSERT INTO extra_education.changes (entity, kind, entity_id, person_id, municipality_id)
  SELECT 'CERTIFICATE', 'UPSERT', c.id, c.person_id, c.municipality_id FROM extra_education.certificates c;
--> statement-breakpoint
INSERT INTO extra_education.changes (entity, kind, entity_id, person_id, organization_id)
  SELECT 'CONTRACT', 'UPSERT', k.id, k.child_id, k.organization_id FROM extra_education.contracts k;
