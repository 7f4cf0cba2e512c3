import type { Executor } from '@region/db';
import { covers, streetAndHouse } from './address.ts';
import { territoriesOfStreet } from './repository.ts';

/** The schools whose assigned territory includes the address (none when it cannot be read). */
export async function schoolsServing(db: Executor, address: string | null | undefined): Promise<string[]> {
  const parsed = streetAndHouse(address);
  if (!parsed) return [];
  const segments = await territoriesOfStreet(db, parsed.street);
  return [
    ...new Set(segments.filter((segment) => covers(segment, parsed.street, parsed.house)).map((s) => s.organizationId)),
  ];
}
