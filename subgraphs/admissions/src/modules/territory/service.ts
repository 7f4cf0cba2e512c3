import { admissionsTables, type Executor } from '@region/db';
import { eq } from 'drizzle-orm';
import { covers, streetAndHouse } from './address.ts';

const { territories } = admissionsTables;

/** The schools whose assigned territory includes the address (none when it cannot be read). */
export async function schoolsServing(db: Executor, address: string | null | undefined): Promise<string[]> {
  const parsed = streetAndHouse(address);
  if (!parsed) return [];
  const segments = await db.select().from(territories).where(eq(territories.street, parsed.street));
  return [
    ...new Set(segments.filter((segment) => covers(segment, parsed.street, parsed.house)).map((s) => s.organizationId)),
  ];
}
