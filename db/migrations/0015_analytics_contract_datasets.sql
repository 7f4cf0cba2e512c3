-- More of the analytics read contract (issue 12): the views behind the attendance, admissions, staff,
-- data-quality and extra-education datasets. Same rules as 0013: pseudonymous keys (keyed SHA-256 of the
-- id, the key in `analytics_secret`), organization, municipality, class, grade, period, gender, year and
-- month of birth, statuses and dates — no names, SNILS, documents, addresses, contacts, codes or free text.
-- `db/src/migrate.ts` grants `analytics_ro` select on every view of this schema and nothing elsewhere.
--
-- Lesson attendance: one row per lesson and learner who was a member of the lesson's class on its date,
-- with the attendance mark if any (a row without one is a lesson attended). The attendance rate's
-- denominator is these rows, so the view carries what `learning.attendance` alone cannot.
CREATE VIEW "analytics_contract"."lesson_attendance" AS
  SELECT left(encode(sha256(convert_to(k.key || m.person_id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    p.sex::text AS gender,
    extract(year FROM p.birth_date)::smallint AS birth_year,
    extract(month FROM p.birth_date)::smallint AS birth_month,
    EXISTS (SELECT 1 FROM people.consents pc WHERE pc.person_id = p.id AND pc.kind = 'PROCESSING'
      AND pc.withdrawn_at IS NULL) AS consented,
    l.school_year, l.organization_id, o.municipality_id, o.type::text AS organization_type,
    l.class_id, c.grade, l.subject_id, l.date, a.status::text AS status
  FROM learning.lessons l
  JOIN learning.class_members m ON m.class_id = l.class_id AND m.joined_on <= l.date
    AND (m.left_on IS NULL OR m.left_on > l.date)
  JOIN people.persons p ON p.id = m.person_id AND p.merged_into IS NULL
  JOIN people.organizations o ON o.id = l.organization_id
  LEFT JOIN learning.classes c ON c.id = l.class_id
  LEFT JOIN learning.attendance a ON a.school_year = l.school_year AND a.lesson_id = l.id AND a.student_id = m.person_id
  CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
-- The admissions campaign: one row per application (its organization is the directed one, else the first
-- choice) and one per organization's places of a year and kind (`row_kind = 'PLACES'`, `places` set), so
-- «places filled» is one cube. The person of an application is its child's key, or the application's own
-- key while the child is not matched to a card (each such application is one child).
CREATE VIEW "analytics_contract"."admission_facts" AS
  SELECT 'APPLICATION'::text AS row_kind,
    left(encode(sha256(convert_to(k.key || a.id::text, 'UTF8')), 'hex'), 32)::uuid AS application_key,
    left(encode(sha256(convert_to(k.key || coalesce(a.child_id, a.id)::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    (a.child_id IS NULL OR EXISTS (SELECT 1 FROM people.consents pc WHERE pc.person_id = a.child_id
      AND pc.kind = 'PROCESSING' AND pc.withdrawn_at IS NULL)) AS consented,
    extract(year FROM a.child_birth_date)::smallint AS birth_year,
    extract(month FROM a.child_birth_date)::smallint AS birth_month,
    a.kind::text AS kind, a.year, a.source::text AS source, a.category::text AS category, a.status::text AS status,
    o.id AS organization_id, o.municipality_id, o.type::text AS organization_type,
    a.registered_at::date AS date, NULL::integer AS places
  FROM admissions.applications a
  LEFT JOIN LATERAL (
    SELECT c.organization_id FROM admissions.application_choices c
    WHERE c.application_id = a.id ORDER BY c.preference LIMIT 1
  ) ch ON true
  LEFT JOIN people.organizations o ON o.id = coalesce(a.directed_organization_id, ch.organization_id)
  CROSS JOIN analytics_secret.pseudonym_key k
  UNION ALL
  SELECT 'PLACES', NULL, NULL, true, NULL, NULL,
    pl.kind::text, pl.year, NULL, NULL, NULL,
    pl.organization_id, o.municipality_id, o.type::text, NULL, pl.total
  FROM admissions.places pl JOIN people.organizations o ON o.id = pl.organization_id;
--> statement-breakpoint
-- Staff gains consent and the organization's type (columns appended: the view's earlier columns stay).
CREATE OR REPLACE VIEW "analytics_contract"."staff" AS
  SELECT left(encode(sha256(convert_to(k.key || e.person_id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    p.sex::text AS gender,
    extract(year FROM p.birth_date)::smallint AS birth_year,
    extract(month FROM p.birth_date)::smallint AS birth_month,
    e.organization_id, o.municipality_id, e.position, e.is_main,
    e.qualification_category::text AS qualification_category, e.maternity_leave, e.started_on, e.ended_on,
    EXISTS (SELECT 1 FROM people.consents pc WHERE pc.person_id = p.id AND pc.kind = 'PROCESSING'
      AND pc.withdrawn_at IS NULL) AS consented,
    o.type::text AS organization_type
  FROM people.employments e
  JOIN people.persons p ON p.id = e.person_id AND p.merged_into IS NULL
  JOIN people.organizations o ON o.id = e.organization_id
  CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
-- «Контроль заполнения данных» (rule 7): per learner's enrolment and per employment, whether each mandatory
-- personal-data field of the card is filled — booleans only, never the values. The read-contract test
-- holds every column of this view that is not a key, a territory, a kind or a date to type boolean.
CREATE VIEW "analytics_contract"."card_completeness" AS
  SELECT left(encode(sha256(convert_to(k.key || p.id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    x.card_kind, p.sex::text AS gender,
    extract(year FROM p.birth_date)::smallint AS birth_year,
    extract(month FROM p.birth_date)::smallint AS birth_month,
    EXISTS (SELECT 1 FROM people.consents pc WHERE pc.person_id = p.id AND pc.kind = 'PROCESSING'
      AND pc.withdrawn_at IS NULL) AS consented,
    x.organization_id, o.municipality_id, o.type::text AS organization_type, x.started_on, x.ended_on,
    coalesce(btrim(p.snils), '') <> '' AS snils_filled,
    (p.document_type IS NOT NULL AND coalesce(btrim(p.document_number), '') <> '') AS identity_document_filled,
    coalesce(btrim(p.citizenship), '') <> '' AS citizenship_filled,
    coalesce(btrim(p.place_of_birth), '') <> '' AS place_of_birth_filled,
    coalesce(btrim(p.registration_address), '') <> '' AS registration_address_filled,
    coalesce(btrim(p.residence_address), '') <> '' AS residence_address_filled
  FROM (
    SELECT 'STUDENT'::text AS card_kind, e.person_id, e.organization_id, e.started_on, e.ended_on FROM people.enrolments e
    UNION ALL
    SELECT 'STAFF', s.person_id, s.organization_id, s.started_on, s.ended_on FROM people.employments s
  ) x
  JOIN people.persons p ON p.id = x.person_id AND p.merged_into IS NULL
  JOIN people.organizations o ON o.id = x.organization_id
  CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
-- Extra education (issue 11's schema `extra_education`): the public catalogue's programmes.
CREATE VIEW "analytics_contract"."extra_programmes" AS
  SELECT pr.id AS programme_id, pr.organization_id, pr.municipality_id, pr.direction::text AS direction,
    pr.status::text AS status, pr.age_from, pr.age_to, pr.funding::text[] AS funding, pr.published_at::date AS published_on
  FROM extra_education.programmes pr;
--> statement-breakpoint
-- Certificates without their code or ЕПГУ number: the child's key, birth year and month, the municipality of
-- issue and the current status (the latest status change). No organization: a certificate is the child's,
-- so an organization's admin reports none (`organization_id` is null for the row scope).
CREATE VIEW "analytics_contract"."extra_certificates" AS
  SELECT left(encode(sha256(convert_to(k.key || ce.id::text, 'UTF8')), 'hex'), 32)::uuid AS certificate_key,
    left(encode(sha256(convert_to(k.key || ce.person_id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    p.sex::text AS gender,
    extract(year FROM p.birth_date)::smallint AS birth_year,
    extract(month FROM p.birth_date)::smallint AS birth_month,
    EXISTS (SELECT 1 FROM people.consents pc WHERE pc.person_id = p.id AND pc.kind = 'PROCESSING'
      AND pc.withdrawn_at IS NULL) AS consented,
    ce.municipality_id, NULL::uuid AS organization_id, ce.issued_on AS started_on, NULL::date AS ended_on, ce.source::text AS source,
    (SELECT sc.status::text FROM extra_education.certificate_status_changes sc
      WHERE sc.certificate_id = ce.id ORDER BY sc.changed_at DESC, sc.id DESC LIMIT 1) AS status
  FROM extra_education.certificates ce
  JOIN people.persons p ON p.id = ce.person_id AND p.merged_into IS NULL
  CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
-- Contracts (enrolments in a group) with their payment method, organization, the programme's direction and
-- the dates they are active; no price, no certificate code, no reason for an end.
CREATE VIEW "analytics_contract"."extra_contracts" AS
  SELECT left(encode(sha256(convert_to(k.key || ct.id::text, 'UTF8')), 'hex'), 32)::uuid AS contract_key,
    left(encode(sha256(convert_to(k.key || ct.child_id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    p.sex::text AS gender,
    extract(year FROM p.birth_date)::smallint AS birth_year,
    extract(month FROM p.birth_date)::smallint AS birth_month,
    EXISTS (SELECT 1 FROM people.consents pc WHERE pc.person_id = p.id AND pc.kind = 'PROCESSING'
      AND pc.withdrawn_at IS NULL) AS consented,
    ct.organization_id, o.municipality_id, o.type::text AS organization_type,
    g.programme_id, pr.direction::text AS direction, ct.payment_method::text AS payment_method,
    ct.concluded_on AS started_on, ct.ended_on
  FROM extra_education.contracts ct
  JOIN extra_education.groups g ON g.id = ct.group_id
  JOIN extra_education.programmes pr ON pr.id = g.programme_id
  JOIN people.persons p ON p.id = ct.child_id AND p.merged_into IS NULL
  JOIN people.organizations o ON o.id = ct.organization_id
  CROSS JOIN analytics_secret.pseudonym_key k;
