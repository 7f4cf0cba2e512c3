import { parseEnv } from '@region/kit';
import { z } from 'zod';

/** People's subgraph, asked for an organization's municipality and address when a programme is created. */
export function readExtraEducationEnv() {
  return parseEnv({
    PEOPLE_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  });
}
