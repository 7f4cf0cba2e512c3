import { subgraphMain } from '@region/kit';
import { createExtraEducationSubgraph } from './app.ts';
import { readExtraEducationEnv } from './env.ts';

subgraphMain('extra-education', 4004, async (deps) => {
  const env = readExtraEducationEnv();
  return createExtraEducationSubgraph({ ...deps, peopleUrl: env.PEOPLE_URL });
});
