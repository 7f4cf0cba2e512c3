-- The read contract for the rule-21 monitors of Сферум, «Моя школа» and organizations' INNs, and the change
-- feed of the pre-aggregated facts (issue 12). Same rules as 0013 and 0015: pseudonymous keys, no names,
-- documents, addresses or contacts; `db/src/migrate.ts` grants `analytics_ro` select on every view here.
--
-- Organizations for monitoring: one row per organization with whether its INN passes the check digits
-- (the INN itself is public and in `organizations`; this answers the monitor without a function an
-- analyst could call) and its status and registration date on each platform (null: not there). An
-- organization has no opening date in the register, so it lies on every slice (`started_on` -infinity).
CREATE VIEW "analytics_contract"."organization_monitoring" AS
  SELECT o.id AS organization_id, o.municipality_id, o.type::text AS organization_type,
    CASE
      WHEN i.inn ~ '^[0-9]{10}$' THEN ((2 * substr(i.inn, 1, 1)::int + 4 * substr(i.inn, 2, 1)::int + 10 * substr(i.inn, 3, 1)::int + 3 * substr(i.inn, 4, 1)::int + 5 * substr(i.inn, 5, 1)::int + 9 * substr(i.inn, 6, 1)::int + 4 * substr(i.inn, 7, 1)::int + 6 * substr(i.inn, 8, 1)::int + 8 * substr(i.inn, 9, 1)::int) % 11) % 10 = substr(i.inn, 10, 1)::int
      WHEN i.inn ~ '^[0-9]{12}$' THEN ((7 * substr(i.inn, 1, 1)::int + 2 * substr(i.inn, 2, 1)::int + 4 * substr(i.inn, 3, 1)::int + 10 * substr(i.inn, 4, 1)::int + 3 * substr(i.inn, 5, 1)::int + 5 * substr(i.inn, 6, 1)::int + 9 * substr(i.inn, 7, 1)::int + 4 * substr(i.inn, 8, 1)::int + 6 * substr(i.inn, 9, 1)::int + 8 * substr(i.inn, 10, 1)::int) % 11) % 10 = substr(i.inn, 11, 1)::int
        AND ((3 * substr(i.inn, 1, 1)::int + 7 * substr(i.inn, 2, 1)::int + 2 * substr(i.inn, 3, 1)::int + 4 * substr(i.inn, 4, 1)::int + 10 * substr(i.inn, 5, 1)::int + 3 * substr(i.inn, 6, 1)::int + 5 * substr(i.inn, 7, 1)::int + 9 * substr(i.inn, 8, 1)::int + 4 * substr(i.inn, 9, 1)::int + 6 * substr(i.inn, 10, 1)::int + 8 * substr(i.inn, 11, 1)::int) % 11) % 10 = substr(i.inn, 12, 1)::int
      ELSE false
    END AS inn_valid,
    sf.status::text AS sferum_status, sf.registered_on AS sferum_registered_on,
    ms.status::text AS my_school_status, ms.registered_on AS my_school_registered_on,
    true AS consented, '-infinity'::date AS started_on, NULL::date AS ended_on
  FROM people.organizations o
  CROSS JOIN LATERAL (SELECT btrim(o.inn, E' \t\r\n') AS inn) i
  LEFT JOIN people.platform_organizations sf ON sf.organization_id = o.id AND sf.platform = 'SFERUM'
  LEFT JOIN people.platform_organizations ms ON ms.organization_id = o.id AND ms.platform = 'MY_SCHOOL';
--> statement-breakpoint
-- Registration of learners and staff on the platforms: one row per enrolment (learner) or employment (staff),
-- with the dates the person registered in Сферум and in «Моя школа» (null: not registered). No account data.
CREATE VIEW "analytics_contract"."platform_registrations" AS
  SELECT left(encode(sha256(convert_to(k.key || c.person_id::text, 'UTF8')), 'hex'), 32)::uuid AS person_key,
    EXISTS (SELECT 1 FROM people.consents pc WHERE pc.person_id = p.id AND pc.kind = 'PROCESSING'
      AND pc.withdrawn_at IS NULL) AS consented,
    c.card_kind, p.sex::text AS gender,
    extract(year FROM p.birth_date)::smallint AS birth_year,
    extract(month FROM p.birth_date)::smallint AS birth_month,
    c.organization_id, o.municipality_id, o.type::text AS organization_type,
    sf.registered_on AS sferum_registered_on, ms.registered_on AS my_school_registered_on,
    c.started_on, c.ended_on
  FROM (
    SELECT e.person_id, e.organization_id, e.started_on, e.ended_on, 'STUDENT'::text AS card_kind FROM people.enrolments e
    UNION ALL
    SELECT m.person_id, m.organization_id, m.started_on, m.ended_on, 'STAFF'::text FROM people.employments m
  ) c
  JOIN people.persons p ON p.id = c.person_id AND p.merged_into IS NULL
  JOIN people.organizations o ON o.id = c.organization_id
  LEFT JOIN people.platform_accounts sf ON sf.person_id = c.person_id AND sf.platform = 'SFERUM'
  LEFT JOIN people.platform_accounts ms ON ms.person_id = c.person_id AND ms.platform = 'MY_SCHOOL'
  CROSS JOIN analytics_secret.pseudonym_key k;
--> statement-breakpoint
-- The change feed of the pre-aggregated facts (subgraphs/analytics/src/facts/refresh.ts): which organization's
-- facts a change touches, from which month on (null: every month), and when the owner recorded it. Each
-- line is a change time the owner already keeps: a mark set, corrected or deleted (`updated_at`; deleted
-- marks stay), an attendance mark set (`set_at`), a lesson added (`created_at`), an entry of the movement book
-- (both organizations of a transfer, from the month it takes effect), a card changed (`updated_at`: sex,
-- birth date, a merge) and a processing consent given or withdrawn — each for every organization the person
-- was enrolled in. What no change time records (an attendance mark removed, a class list edited in
-- learning) is caught by the attendance fingerprint and the periodic rebuild (docs/architecture.md).
CREATE VIEW "analytics_contract"."fact_changes" AS
  SELECT 'MARKS'::text AS fact, m.organization_id, date_trunc('month', m.date)::date AS from_month,
    m.updated_at AS changed_at
  FROM learning.marks m
  UNION ALL
  SELECT 'ATTENDANCE', a.organization_id, date_trunc('month', a.date)::date, a.set_at FROM learning.attendance a
  UNION ALL
  SELECT 'ATTENDANCE', l.organization_id, date_trunc('month', l.date)::date, l.created_at FROM learning.lessons l
  UNION ALL
  SELECT 'ALL', x.organization_id, date_trunc('month', mv.effective_on)::date, mv.created_at
  FROM people.movements mv
  CROSS JOIN LATERAL (VALUES (mv.organization_id), (mv.from_organization_id)) x(organization_id)
  WHERE x.organization_id IS NOT NULL
  UNION ALL
  SELECT 'ALL', e.organization_id, NULL::date, p.updated_at
  FROM people.persons p JOIN people.enrolments e ON e.person_id = p.id
  UNION ALL
  SELECT 'ALL', e.organization_id, NULL::date, coalesce(c.withdrawn_at, c.granted_at)
  FROM people.consents c JOIN people.enrolments e ON e.person_id = c.person_id
  WHERE c.kind = 'PROCESSING';
--> statement-breakpoint
-- The attendance fingerprint: attendance marks per organization and month. A mark removed (presence is the
-- absence of a row, so learning deletes it) leaves no change time; the count tells.
CREATE VIEW "analytics_contract"."attendance_counts" AS
  SELECT a.organization_id, date_trunc('month', a.date)::date AS month, count(*)::int AS marks
  FROM learning.attendance a
  GROUP BY a.organization_id, date_trunc('month', a.date);
