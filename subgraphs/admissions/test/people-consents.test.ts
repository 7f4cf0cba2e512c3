/**
 * The support search's consent lookup fails closed and says so: without an answer from people it refuses
 * with SUBGRAPH_UNAVAILABLE rather than answering "nothing found" (`people-consents.ts`).
 */
import { describe, expect, it } from 'vitest';
import { peopleConsentLookup } from '../src/people-consents.ts';

describe('peopleConsentLookup', () => {
  it('asks nobody when no matched child has a card', async () => {
    expect(await peopleConsentLookup(undefined, 'token')([])).toEqual(new Set());
  });

  it('refuses with SUBGRAPH_UNAVAILABLE when people is not configured or does not answer', async () => {
    for (const url of [undefined, 'http://127.0.0.1:9/graphql']) {
      await expect(peopleConsentLookup(url, 'token')(['00000000-0000-0000-0000-000000000001'])).rejects.toMatchObject({
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'people' },
      });
    }
  });
});
