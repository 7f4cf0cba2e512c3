import { subgraphMain } from '@region/kit';
import { createLearningSubgraph } from './app.ts';

subgraphMain('learning', 4002, createLearningSubgraph);
