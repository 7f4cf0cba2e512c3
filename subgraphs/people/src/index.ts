import { subgraphMain } from '@region/kit';
import { createPeopleSubgraph } from './app.ts';
import { readPiiReadLogEnv } from './env.ts';

subgraphMain('people', 4001, (deps) => createPeopleSubgraph({ ...deps, piiReadLog: readPiiReadLogEnv() }));
