-- People's extra-education links for applications and contracts written before the outbox told people
-- (issue 11; the rule and its TypeScript twin: db/src/extra-education-links.ts). Region time zone of the demo
-- and the default deployment (Asia/Yekaterinburg).
insert into people.extra_education_links (application_id, person_id, organization_id, visible_until, changed_at)
select a.id, a.child_id, a.organization_id,
  case
    when a.status in ('SUBMITTED', 'ACCEPTED') then null
    when a.status = 'ENROLLED' then c.ended_on + 30
    else (a.updated_at at time zone 'Asia/Yekaterinburg')::date
  end,
  a.updated_at
from extra_education.applications a
left join extra_education.contracts c on c.application_id = a.id
where exists (select 1 from people.persons p where p.id = a.child_id)
  and exists (select 1 from people.organizations o where o.id = a.organization_id)
on conflict (application_id) do nothing;
