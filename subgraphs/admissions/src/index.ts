import { subgraphMain } from '@region/kit';
import { createAdmissionsSubgraph } from './app.ts';

subgraphMain('admissions', 4003, createAdmissionsSubgraph);
