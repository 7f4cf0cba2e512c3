/**
 * People's `PERSON` change feed as the mart reads it: through the gateway as its service account
 * (`learning-mart`, `changes:read` over the region). Learning's role reads no other schema, so a consent
 * withdrawn in people reaches the mart the way it reaches any copy elsewhere: as a tombstone of the feed.
 */
import type { ChangePage } from '@region/kit';
import type { PeopleChanges } from './build.ts';

export const QUERY = `query MartPeopleChanges($since: String) {
  peopleChanges(entity: PERSON, since: $since, first: 200) {
    changes { version kind entity id organizationId personId classId reason }
    cursor
    hasMore
  }
}`;

/** `send` is the kit's `gatewayClient(…)`. */
export function peopleChangesReader(
  send: (query: string, variables: Record<string, unknown>) => Promise<unknown>,
): PeopleChanges {
  return async (since) => {
    const data = (await send(QUERY, { since })) as { peopleChanges: ChangePage };
    return data.peopleChanges;
  };
}
