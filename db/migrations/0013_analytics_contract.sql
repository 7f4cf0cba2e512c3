-- The analytics read contract (issue 12, DOMAIN.md rule 21; seed 003 §4.4): the only relations the analytics
-- reader (`analytics_ro`, and `analytics_svc` through it) may select. Pseudonymous keys, organization,
-- municipality, class, grade, subject, period, gender, year and month of birth, statuses and dates — no
-- names, SNILS, documents, addresses, contacts, free-text comments or ЕПГУ numbers. Enums are cast to text
-- so the contract does not depend on the owners' types. The views are owned by the migration owner, so
-- their readers need no privilege on the owners' schemas (db/src/migrate.ts revokes every one of them).
--
-- `consented`: the person has an active consent to processing (rule 5). Without it the platform shows
-- nobody their personal data, so a report never shows a small cell holding such a person (issue 12).
--
-- Pseudonymous keys: a person's (and an application's) key is a keyed SHA-256 of its id, cut to a uuid.
-- The key lives in `analytics_secret`, which no role but the owner reads, so a reader who learns a person's
-- id elsewhere (the API) cannot find that person's rows here. An expression, not a function: a view's
-- functions run with its reader's privileges, and a callable pseudonym function would be that oracle.
CREATE SCHEMA IF NOT EXISTS "analytics_secret";
--> statement-breakpoint
CREATE TABLE "analytics_secret"."pseudonym_key" (
  "singleton" boolean PRIMARY KEY DEFAULT true CHECK ("singleton"),
  "key" text NOT NULL
);
--> statement-breakpoint
INSERT INTO "analytics_secret"."pseudonym_key" ("key") VALUES (gen_random_uuid()::text || gen_random_uuid()::text);
--> statement-breakpoint
CREATE SCHEMA IF NOT EXISTS "analytics_contract";
--> statement-breakpoint
CREATE VIEW "analytics_contract"."municipalities" AS
  SELECT m.id AS municipality_id, m.name, m.oktmo
  FROM people.municipalities m;
--> statement-breakpoint
-- Organizations are public reference data (docs/architecture.md, Decisions): names and types are shown.
CREATE VIEW "analytics_contract"."organizations" AS
  SELECT o.id AS organization_id, o.municipality_id, o.type::text AS type, o.short_name, o.pfdo_participant
  FROM people.organizations o;
--> statement-breakpoint
CREATE VIEW "analytics_contract"."persons" AS
  SELECT left(encode(sha256(convert_to(k.key || p.id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    p.sex::text AS gender,
    extract(year FROM p.birth_date)::smallint AS birth_year,
    extract(month FROM p.birth_date)::smallint AS birth_month,
    EXISTS (SELECT 1 FROM people.consents pc WHERE pc.person_id = p.id AND pc.kind = 'PROCESSING'
      AND pc.withdrawn_at IS NULL) AS consented,
    p.created_at::date AS created_on
  FROM people.persons p CROSS JOIN analytics_secret.pseudonym_key k
  WHERE p.merged_into IS NULL;
--> statement-breakpoint
-- Контингент: every enrolment of the movement book's projection, with the learner's gender and year and
-- month of birth, the organization's municipality and type, and the class's grade and school year.
CREATE VIEW "analytics_contract"."contingent" AS
  SELECT left(encode(sha256(convert_to(k.key || e.person_id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    p.sex::text AS gender,
    extract(year FROM p.birth_date)::smallint AS birth_year,
    extract(month FROM p.birth_date)::smallint AS birth_month,
    EXISTS (SELECT 1 FROM people.consents pc WHERE pc.person_id = p.id AND pc.kind = 'PROCESSING'
      AND pc.withdrawn_at IS NULL) AS consented,
    e.organization_id, o.municipality_id, o.type::text AS organization_type,
    e.class_id, c.name AS class_name, c.grade, c.school_year,
    e.started_on, e.ended_on
  FROM people.enrolments e
  JOIN people.persons p ON p.id = e.person_id AND p.merged_into IS NULL
  JOIN people.organizations o ON o.id = e.organization_id
  LEFT JOIN learning.classes c ON c.id = e.class_id
  CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analytics_contract"."staff" AS
  SELECT left(encode(sha256(convert_to(k.key || e.person_id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    p.sex::text AS gender,
    extract(year FROM p.birth_date)::smallint AS birth_year,
    extract(month FROM p.birth_date)::smallint AS birth_month,
    e.organization_id, o.municipality_id, e.position, e.is_main,
    e.qualification_category::text AS qualification_category, e.maternity_leave, e.started_on, e.ended_on
  FROM people.employments e
  JOIN people.persons p ON p.id = e.person_id AND p.merged_into IS NULL
  JOIN people.organizations o ON o.id = e.organization_id
  CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analytics_contract"."role_grants" AS
  SELECT left(encode(sha256(convert_to(k.key || g.person_id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    g.role::text AS role, g.territory::text AS territory, g.municipality_id, g.organization_id, g.class_id,
    g.granted_at::date AS granted_on, g.withdrawn_at::date AS withdrawn_on
  FROM people.role_grants g CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analytics_contract"."school_years" AS
  SELECT y.id AS school_year_id, y.organization_id, y.year, y.starts_on, y.ends_on, y.period_kind::text AS period_kind,
    y.status::text AS status, y.opened_at::date AS opened_on
  FROM learning.school_years y;
--> statement-breakpoint
CREATE VIEW "analytics_contract"."study_periods" AS
  SELECT sp.id AS period_id, sp.school_year_id, y.year AS school_year, sp.organization_id, sp.number, sp.name,
    sp.starts_on, sp.ends_on, sp.closed_at IS NOT NULL AS closed
  FROM learning.study_periods sp JOIN learning.school_years y ON y.id = sp.school_year_id;
--> statement-breakpoint
CREATE VIEW "analytics_contract"."classes" AS
  SELECT c.id AS class_id, c.organization_id, c.school_year, c.kind::text AS kind, c.name, c.grade, c.letter
  FROM learning.classes c;
--> statement-breakpoint
CREATE VIEW "analytics_contract"."class_members" AS
  SELECT left(encode(sha256(convert_to(k.key || m.person_id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    m.class_id, m.joined_on, m.left_on, m.repeater
  FROM learning.class_members m CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analytics_contract"."subjects" AS
  SELECT s.id AS subject_id, s.name, s.short_name FROM learning.subjects s;
--> statement-breakpoint
-- Lessons without topic and homework (free text): the teacher is a pseudonymous key like any person.
CREATE VIEW "analytics_contract"."lessons" AS
  SELECT l.id AS lesson_id, l.school_year, l.organization_id, l.class_id, l.subject_id,
    left(encode(sha256(convert_to(k.key || l.teacher_id::text, 'UTF8')), 'hex'), 32)::uuid AS teacher_key,
    l.date
  FROM learning.lessons l CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
-- Live marks without their comment (free text may name a person) and without who set them.
CREATE VIEW "analytics_contract"."marks" AS
  SELECT left(encode(sha256(convert_to(k.key || m.student_id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    p.sex::text AS gender,
    extract(year FROM p.birth_date)::smallint AS birth_year,
    extract(month FROM p.birth_date)::smallint AS birth_month,
    EXISTS (SELECT 1 FROM people.consents pc WHERE pc.person_id = p.id AND pc.kind = 'PROCESSING'
      AND pc.withdrawn_at IS NULL) AS consented,
    m.school_year, m.organization_id, o.municipality_id, o.type::text AS organization_type,
    m.class_id, c.name AS class_name, c.grade, m.subject_id,
    -- A lesson's mark belongs to the study period its date falls in; a period mark names its period.
    coalesce(m.period_id, sp.id) AS period_id, m.date, m.kind::text AS kind,
    m.value::text AS value, m.weight, m.debt, m.set_at::date AS set_on
  FROM learning.marks m
  JOIN people.persons p ON p.id = m.student_id AND p.merged_into IS NULL
  JOIN people.organizations o ON o.id = m.organization_id
  LEFT JOIN learning.classes c ON c.id = m.class_id
  LEFT JOIN LATERAL (
    SELECT s.id FROM learning.study_periods s
    WHERE m.period_id IS NULL AND s.organization_id = m.organization_id AND m.date BETWEEN s.starts_on AND s.ends_on
    ORDER BY s.starts_on LIMIT 1
  ) sp ON true
  CROSS JOIN analytics_secret.pseudonym_key k
  WHERE m.deleted_at IS NULL;
--> statement-breakpoint
CREATE VIEW "analytics_contract"."attendance" AS
  SELECT left(encode(sha256(convert_to(k.key || a.student_id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    p.sex::text AS gender,
    extract(year FROM p.birth_date)::smallint AS birth_year,
    extract(month FROM p.birth_date)::smallint AS birth_month,
    EXISTS (SELECT 1 FROM people.consents pc WHERE pc.person_id = p.id AND pc.kind = 'PROCESSING'
      AND pc.withdrawn_at IS NULL) AS consented,
    a.school_year, a.organization_id, o.municipality_id, a.class_id, a.subject_id, a.lesson_id, a.date,
    a.status::text AS status
  FROM learning.attendance a
  JOIN people.persons p ON p.id = a.student_id AND p.merged_into IS NULL
  JOIN people.organizations o ON o.id = a.organization_id
  CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
-- Applications without the child's and applicant's names, documents, address, comment and ЕПГУ number;
-- the child's year and month of birth come from the application itself (a child not matched yet has no key).
CREATE VIEW "analytics_contract"."applications" AS
  SELECT left(encode(sha256(convert_to(k.key || a.id::text, 'UTF8')), 'hex'), 32)::uuid AS application_key,
    CASE WHEN a.child_id IS NULL THEN NULL
      ELSE left(encode(sha256(convert_to(k.key || a.child_id::text, 'UTF8')), 'hex'), 32)::uuid END AS child_key,
    extract(year FROM a.child_birth_date)::smallint AS child_birth_year,
    extract(month FROM a.child_birth_date)::smallint AS child_birth_month,
    a.kind::text AS kind, a.year, a.source::text AS source, a.category::text AS category, a.priority_rights,
    a.status::text AS status, a.directed_organization_id, a.registered_at::date AS registered_on,
    a.enrolment_order_date, a.created_at::date AS created_on, a.updated_at::date AS updated_on
  FROM admissions.applications a CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analytics_contract"."application_choices" AS
  SELECT left(encode(sha256(convert_to(k.key || c.application_id::text, 'UTF8')), 'hex'), 32)::uuid AS application_key,
    c.organization_id, c.preference
  FROM admissions.application_choices c CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analytics_contract"."application_status_history" AS
  SELECT left(encode(sha256(convert_to(k.key || h.application_id::text, 'UTF8')), 'hex'), 32)::uuid AS application_key,
    h.from_status::text AS from_status, h.to_status::text AS to_status, h.changed_at
  FROM admissions.status_history h CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analytics_contract"."places" AS
  SELECT p.organization_id, p.year, p.kind::text AS kind, p.total FROM admissions.places p;
