import { subgraphContract } from '@region/tests/contract';
import { startPlatform } from '@region/tests/platform';

subgraphContract('people', async () => {
  const platform = await startPlatform();
  const [sample] = await platform.admin.sql<{ person: string; organization: string; municipality: string }[]>`
    select p.id as person, o.id as organization, o.municipality_id as municipality
    from people.enrolments e
    join people.persons p on p.id = e.person_id
    join people.organizations o on o.id = e.organization_id
    where e.ended_on is null limit 1`;
  return {
    url: platform.peopleUrl,
    sign: platform.signInternal,
    principal: {
      kind: 'PERSON',
      personId: sample!.person,
      grants: [{ role: 'REGIONAL_OPERATOR', territory: { kind: 'REGION' } }],
    },
    entities: [
      { typename: 'Person', id: sample!.person },
      { typename: 'Organization', id: sample!.organization },
      { typename: 'Municipality', id: sample!.municipality },
    ],
    stop: platform.stop,
  };
});
