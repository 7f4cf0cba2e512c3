import { subgraphContract } from '@region/tests/contract';
import { startPlatform } from '@region/tests/platform';

subgraphContract('admissions', async () => {
  const platform = await startPlatform();
  const [application] = await platform.admin.sql<{ id: string }[]>`
    insert into admissions.applications (kind, year, child_last_name, child_first_name, child_birth_date, applicant_id, source,
      registered_at, category, epgu_number)
    values ('FIRST_GRADE', 2027, 'Тестов', 'Тест', '2020-01-01', uuidv7(), 'EPGU', now(), 'OTHER', 'contract-1')
    returning id`;
  return {
    url: platform.admissionsUrl,
    sign: platform.signInternal,
    principal: {
      kind: 'PERSON',
      personId: '00000000-0000-7000-8000-000000000000',
      grants: [{ role: 'REGIONAL_OPERATOR', territory: { kind: 'REGION' } }],
    },
    entities: [{ typename: 'Application', id: application!.id }],
    stop: platform.stop,
  };
});
