import { subgraphMain } from '@region/kit';
import { createLearningSubgraph } from './app.ts';
import { readLearningEnv } from './env.ts';

subgraphMain('learning', 4002, (deps) => createLearningSubgraph({ ...deps, peopleUrl: readLearningEnv().PEOPLE_URL }));
