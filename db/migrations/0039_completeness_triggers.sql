-- The coordinators' completeness figures kept per organization (issue 13 §4, architecture.md «Completeness
-- counts kept per organization»): statement-level triggers note, in the writing transaction, the
-- organizations whose cards a statement changed (`completeness_touch`), and a deferred constraint trigger
-- recounts them all once as the transaction commits (`completeness_flush`). The two functions holding the
-- mandatory-field checks are rendered from the people subgraph's `checksOfKind`
-- (`npm run completeness:sql -w @region/people`); a test compares them with the database's, so a changed check
-- needs a new migration with the new rendering.
CREATE OR REPLACE FUNCTION people.completeness_recount(target_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
begin
  if coalesce(cardinality(target_ids), 0) = 0 then
    return;
  end if;
  insert into people.completeness_counts (organization_id, kind)
    select o.id, k.kind from people.organizations o cross join (values ('STUDENT'), ('STAFF')) k(kind)
    where o.id = any(target_ids)
    on conflict do nothing;
  perform 1 from people.completeness_counts c where c.organization_id = any(target_ids)
    order by c.organization_id, c.kind for update;
  insert into people.completeness_counts as t (organization_id, kind, cards, with_gaps, gap_full_name, gap_birth_date, gap_sex, gap_identity_document, gap_passport, gap_citizenship, gap_place_of_birth, gap_registration_address, gap_residence_address, gap_education_form, gap_snils, gap_movement_first, gap_main_position, gap_qualification_category, gap_phone, gap_email, gap_education)
    with cards as (
      select e.organization_id, 'STUDENT' as kind, ((coalesce(btrim("people"."persons"."last_name"), '') = '' or coalesce(btrim("people"."persons"."first_name"), '') = '') or "people"."persons"."birth_date" is null or "people"."persons"."sex" is null or coalesce(btrim("people"."persons"."document_number"), '') = '' or coalesce(btrim("people"."persons"."citizenship"), '') = '' or coalesce(btrim("people"."persons"."place_of_birth"), '') = '' or coalesce(btrim("people"."persons"."registration_address"), '') = '' or coalesce(btrim("people"."persons"."residence_address"), '') = '' or coalesce(btrim("people"."persons"."education_form"), '') = '' or coalesce(btrim("people"."persons"."snils"), '') = '' or "people"."persons"."movement_first" is null) as any_gap, ((coalesce(btrim("people"."persons"."last_name"), '') = '' or coalesce(btrim("people"."persons"."first_name"), '') = '')) as "gap_full_name", ("people"."persons"."birth_date" is null) as "gap_birth_date", ("people"."persons"."sex" is null) as "gap_sex", (coalesce(btrim("people"."persons"."document_number"), '') = '') as "gap_identity_document", (false) as "gap_passport", (coalesce(btrim("people"."persons"."citizenship"), '') = '') as "gap_citizenship", (coalesce(btrim("people"."persons"."place_of_birth"), '') = '') as "gap_place_of_birth", (coalesce(btrim("people"."persons"."registration_address"), '') = '') as "gap_registration_address", (coalesce(btrim("people"."persons"."residence_address"), '') = '') as "gap_residence_address", (coalesce(btrim("people"."persons"."education_form"), '') = '') as "gap_education_form", (coalesce(btrim("people"."persons"."snils"), '') = '') as "gap_snils", ("people"."persons"."movement_first" is null) as "gap_movement_first", (false) as "gap_main_position", (false) as "gap_qualification_category", (false) as "gap_phone", (false) as "gap_email", (false) as "gap_education"
      from people.enrolments e
      join people.persons on "people"."persons"."id" = e.person_id
      where e.organization_id = any(target_ids) and e.ended_on is null and people.persons.merged_into is null
      union all
      select w.organization_id, 'STAFF' as kind, ((coalesce(btrim("people"."persons"."last_name"), '') = '' or coalesce(btrim("people"."persons"."first_name"), '') = '') or "people"."persons"."birth_date" is null or (coalesce(btrim("people"."persons"."document_number"), '') = '' or "people"."persons"."document_type" is distinct from 'RF_PASSPORT') or coalesce(btrim("people"."persons"."snils"), '') = '' or not exists (select 1 from people.employments m
  where m.person_id = "people"."persons"."id" and m.ended_on is null and m.is_main) or not exists (select 1 from people.employments m where m.person_id = "people"."persons"."id"
      and m.ended_on is null and m.is_main and m.qualification_category is not null) or coalesce(btrim("people"."persons"."phone"), '') = '' or coalesce(btrim("people"."persons"."email"), '') = '' or coalesce(btrim("people"."persons"."education"), '') = '') as any_gap, ((coalesce(btrim("people"."persons"."last_name"), '') = '' or coalesce(btrim("people"."persons"."first_name"), '') = '')) as "gap_full_name", ("people"."persons"."birth_date" is null) as "gap_birth_date", (false) as "gap_sex", (false) as "gap_identity_document", ((coalesce(btrim("people"."persons"."document_number"), '') = '' or "people"."persons"."document_type" is distinct from 'RF_PASSPORT')) as "gap_passport", (false) as "gap_citizenship", (false) as "gap_place_of_birth", (false) as "gap_registration_address", (false) as "gap_residence_address", (false) as "gap_education_form", (coalesce(btrim("people"."persons"."snils"), '') = '') as "gap_snils", (false) as "gap_movement_first", (not exists (select 1 from people.employments m
  where m.person_id = "people"."persons"."id" and m.ended_on is null and m.is_main)) as "gap_main_position", (not exists (select 1 from people.employments m where m.person_id = "people"."persons"."id"
      and m.ended_on is null and m.is_main and m.qualification_category is not null)) as "gap_qualification_category", (coalesce(btrim("people"."persons"."phone"), '') = '') as "gap_phone", (coalesce(btrim("people"."persons"."email"), '') = '') as "gap_email", (coalesce(btrim("people"."persons"."education"), '') = '') as "gap_education"
      from (select distinct w.organization_id, w.person_id from people.employments w
        where w.organization_id = any(target_ids) and w.ended_on is null) w
      join people.persons on "people"."persons"."id" = w.person_id
      where people.persons.merged_into is null
    )
    select o.id as organization_id, k.kind, count(c.kind)::int as cards,
      (count(*) filter (where c.any_gap))::int as with_gaps,
      (count(*) filter (where c."gap_full_name"))::int as "gap_full_name", (count(*) filter (where c."gap_birth_date"))::int as "gap_birth_date", (count(*) filter (where c."gap_sex"))::int as "gap_sex", (count(*) filter (where c."gap_identity_document"))::int as "gap_identity_document", (count(*) filter (where c."gap_passport"))::int as "gap_passport", (count(*) filter (where c."gap_citizenship"))::int as "gap_citizenship", (count(*) filter (where c."gap_place_of_birth"))::int as "gap_place_of_birth", (count(*) filter (where c."gap_registration_address"))::int as "gap_registration_address", (count(*) filter (where c."gap_residence_address"))::int as "gap_residence_address", (count(*) filter (where c."gap_education_form"))::int as "gap_education_form", (count(*) filter (where c."gap_snils"))::int as "gap_snils", (count(*) filter (where c."gap_movement_first"))::int as "gap_movement_first", (count(*) filter (where c."gap_main_position"))::int as "gap_main_position", (count(*) filter (where c."gap_qualification_category"))::int as "gap_qualification_category", (count(*) filter (where c."gap_phone"))::int as "gap_phone", (count(*) filter (where c."gap_email"))::int as "gap_email", (count(*) filter (where c."gap_education"))::int as "gap_education"
    from people.organizations o
    cross join (values ('STUDENT'), ('STAFF')) k(kind)
    left join cards c on c.organization_id = o.id and c.kind = k.kind
    where o.id = any(target_ids)
    group by o.id, k.kind
  on conflict (organization_id, kind) do update set
    cards = excluded.cards,
    with_gaps = excluded.with_gaps,
    gap_full_name = excluded.gap_full_name,
    gap_birth_date = excluded.gap_birth_date,
    gap_sex = excluded.gap_sex,
    gap_identity_document = excluded.gap_identity_document,
    gap_passport = excluded.gap_passport,
    gap_citizenship = excluded.gap_citizenship,
    gap_place_of_birth = excluded.gap_place_of_birth,
    gap_registration_address = excluded.gap_registration_address,
    gap_residence_address = excluded.gap_residence_address,
    gap_education_form = excluded.gap_education_form,
    gap_snils = excluded.gap_snils,
    gap_movement_first = excluded.gap_movement_first,
    gap_main_position = excluded.gap_main_position,
    gap_qualification_category = excluded.gap_qualification_category,
    gap_phone = excluded.gap_phone,
    gap_email = excluded.gap_email,
    gap_education = excluded.gap_education
  where (t.cards, t.with_gaps, t.gap_full_name, t.gap_birth_date, t.gap_sex, t.gap_identity_document, t.gap_passport, t.gap_citizenship, t.gap_place_of_birth, t.gap_registration_address, t.gap_residence_address, t.gap_education_form, t.gap_snils, t.gap_movement_first, t.gap_main_position, t.gap_qualification_category, t.gap_phone, t.gap_email, t.gap_education)
    is distinct from (excluded.cards, excluded.with_gaps, excluded.gap_full_name, excluded.gap_birth_date, excluded.gap_sex, excluded.gap_identity_document, excluded.gap_passport, excluded.gap_citizenship, excluded.gap_place_of_birth, excluded.gap_registration_address, excluded.gap_residence_address, excluded.gap_education_form, excluded.gap_snils, excluded.gap_movement_first, excluded.gap_main_position, excluded.gap_qualification_category, excluded.gap_phone, excluded.gap_email, excluded.gap_education);
end
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION people.completeness_after_persons() RETURNS trigger LANGUAGE plpgsql AS $$
begin
  perform people.completeness_touch(array(
    with changed as (
      select n.id from new_rows n join old_rows o on o.id = n.id
      where (o.birth_date, o.citizenship, o.document_number, o.document_type, o.education, o.education_form, o.email, o.first_name, o.last_name, o.merged_into, o.movement_first, o.phone, o.place_of_birth, o.registration_address, o.residence_address, o.sex, o.snils)
        is distinct from (n.birth_date, n.citizenship, n.document_number, n.document_type, n.education, n.education_form, n.email, n.first_name, n.last_name, n.merged_into, n.movement_first, n.phone, n.place_of_birth, n.registration_address, n.residence_address, n.sex, n.snils)
    )
    select e.organization_id from people.enrolments e
    where e.ended_on is null and e.person_id in (select id from changed)
    union
    select w.organization_id from people.employments w
    where w.ended_on is null and w.person_id in (select id from changed)
  ));
  return null;
end
$$;
--> statement-breakpoint
CREATE FUNCTION people.completeness_touch(target_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  insert into people.completeness_pending (organization_id)
  select distinct t.id from unnest(target_ids) t(id) where t.id is not null
  on conflict do nothing;
$$;
--> statement-breakpoint
-- Fires once per organization noted, at commit (or at `SET CONSTRAINTS … IMMEDIATE`): the first firing takes
-- the transaction's whole list and recounts it in one statement, the others find it empty.
CREATE FUNCTION people.completeness_flush() RETURNS trigger LANGUAGE plpgsql AS $$
declare
  touched uuid[];
begin
  with taken as (
    delete from people.completeness_pending
    where transaction_id = (pg_current_xact_id()::text)::bigint
    returning organization_id
  )
  select array_agg(organization_id) into touched from taken;
  perform people.completeness_recount(touched);
  return null;
end $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER completeness_pending_flush AFTER INSERT ON people.completeness_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION people.completeness_flush();
--> statement-breakpoint
-- An enrolment counts where it is current: its organization before and after the change is recounted.
CREATE FUNCTION people.completeness_after_enrolments() RETURNS trigger LANGUAGE plpgsql AS $$
begin
  if TG_OP = 'INSERT' then
    perform people.completeness_touch(array(select distinct n.organization_id from new_rows n where n.ended_on is null));
  elsif TG_OP = 'DELETE' then
    perform people.completeness_touch(array(select distinct o.organization_id from old_rows o where o.ended_on is null));
  else
    perform people.completeness_touch(array(
      with changed as (
        select o.organization_id as old_organization, o.ended_on is null as was_current,
          n.organization_id as new_organization, n.ended_on is null as is_current
        from old_rows o join new_rows n on n.id = o.id
        where o is distinct from n
      )
      select old_organization from changed where was_current
      union
      select new_organization from changed where is_current
    ));
  end if;
  return null;
end $$;
--> statement-breakpoint
-- An employment counts its person as staff where it is current, and the staff checks of a main position and
-- a qualification category read the person's employments everywhere: the rows' organizations and every
-- organization where their persons are staff now are recounted.
CREATE FUNCTION people.completeness_after_employments() RETURNS trigger LANGUAGE plpgsql AS $$
begin
  if TG_OP = 'INSERT' then
    perform people.completeness_touch(array(
      select n.organization_id from new_rows n
      union
      select w.organization_id from people.employments w
      where w.ended_on is null and w.person_id in (select n.person_id from new_rows n)
    ));
  elsif TG_OP = 'DELETE' then
    perform people.completeness_touch(array(
      select o.organization_id from old_rows o
      union
      select w.organization_id from people.employments w
      where w.ended_on is null and w.person_id in (select o.person_id from old_rows o)
    ));
  else
    perform people.completeness_touch(array(
      with changed as (
        select o.person_id as old_person, o.organization_id as old_organization,
          n.person_id as new_person, n.organization_id as new_organization
        from old_rows o join new_rows n on n.id = o.id
        where o is distinct from n
      )
      select old_organization from changed
      union
      select new_organization from changed
      union
      select w.organization_id from people.employments w
      where w.ended_on is null
        and w.person_id in (select old_person from changed union select new_person from changed)
    ));
  end if;
  return null;
end $$;
--> statement-breakpoint
-- A person's insert counts nothing (no enrolment or employment yet) and a delete needs theirs deleted first
-- (foreign keys): only an update of a checked column or `merged_into` recounts.
CREATE TRIGGER completeness_persons_update AFTER UPDATE ON people.persons
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION people.completeness_after_persons();
--> statement-breakpoint
CREATE TRIGGER completeness_enrolments_insert AFTER INSERT ON people.enrolments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people.completeness_after_enrolments();
--> statement-breakpoint
CREATE TRIGGER completeness_enrolments_update AFTER UPDATE ON people.enrolments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION people.completeness_after_enrolments();
--> statement-breakpoint
CREATE TRIGGER completeness_enrolments_delete AFTER DELETE ON people.enrolments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people.completeness_after_enrolments();
--> statement-breakpoint
CREATE TRIGGER completeness_employments_insert AFTER INSERT ON people.employments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people.completeness_after_employments();
--> statement-breakpoint
CREATE TRIGGER completeness_employments_update AFTER UPDATE ON people.employments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION people.completeness_after_employments();
--> statement-breakpoint
CREATE TRIGGER completeness_employments_delete AFTER DELETE ON people.employments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people.completeness_after_employments();
--> statement-breakpoint
-- The counts of the organizations that exist now.
SELECT people.completeness_recount(array(SELECT id FROM people.organizations));
