import { parseEnv } from '@region/kit';
import { z } from 'zod';

/** People's subgraph, asked for learners' names when the сводная ведомость is written to a file (issue 15 §2). */
export function readLearningEnv() {
  return parseEnv({
    PEOPLE_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  });
}
