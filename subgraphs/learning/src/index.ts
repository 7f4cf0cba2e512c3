import { subgraphMain } from '@region/kit';
import { createLearningSubgraph } from './app.ts';
import { readFilesEnv } from './files.ts';

subgraphMain('learning', 4002, (deps) => createLearningSubgraph({ ...deps, files: readFilesEnv() }));
