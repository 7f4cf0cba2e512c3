import { subgraphMain } from '@region/kit';
import { createPeopleSubgraph } from './app.ts';

subgraphMain('people', 4001, createPeopleSubgraph);
