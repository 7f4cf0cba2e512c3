/** Prints the completeness functions for a migration (`npm run completeness:sql -w @region/people`). */
import { completenessFunctionsSql } from './repository.ts';

process.stdout.write(`${completenessFunctionsSql()}\n`);
