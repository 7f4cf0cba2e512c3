import { subgraphContract } from '@region/tests/contract';
import { startPlatform } from '@region/tests/platform';

subgraphContract('learning', async () => {
  const platform = await startPlatform();
  const [sample] = await platform.admin.sql<{ class_id: string; subject_id: string; lesson_id: string }[]>`
    select class_id, subject_id, id as lesson_id from learning.lessons limit 1`;
  const [year] = await platform.admin.sql<{ id: string }[]>`select id from learning.school_years limit 1`;
  return {
    url: platform.learningUrl,
    sign: platform.signInternal,
    principal: {
      kind: 'PERSON',
      personId: '00000000-0000-7000-8000-000000000000',
      grants: [{ role: 'REGIONAL_OPERATOR', territory: { kind: 'REGION' } }],
    },
    entities: [
      { typename: 'Class', id: sample!.class_id },
      { typename: 'Subject', id: sample!.subject_id },
      { typename: 'Lesson', id: sample!.lesson_id },
      { typename: 'SchoolYear', id: year!.id },
    ],
    stop: platform.stop,
  };
});
