/**
 * Following the change feed incrementally (issue 14 §2): read from the cursor kept in a state file, page by page
 * until the feed has nothing more, append every change to the output, then keep the new cursor. The cursor is
 * written only after the changes are, so a run that dies halfway repeats pages (consumers apply UPSERT/DELETE
 * idempotently) and never loses one.
 */
import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import { runOperation, type Connection } from './gateway.ts';
import { toCsv, type Format } from './output.ts';

export type Feed = 'people' | 'learning' | 'admissions' | 'extra-education';

const KEYS = 'version kind entity id organizationId personId classId reason';

const FIELD: Record<Feed, { operation: string; name: string; entityType: string; keys: string }> = {
  people: { operation: 'PeopleChanges', name: 'peopleChanges', entityType: 'PeopleChangeEntity', keys: KEYS },
  learning: { operation: 'LearningChanges', name: 'learningChanges', entityType: 'LearningChangeEntity', keys: KEYS },
  admissions: {
    operation: 'AdmissionsChanges',
    name: 'admissionsChanges',
    entityType: 'AdmissionsChangeEntity',
    keys: KEYS,
  },
  // A certificate belongs to a municipality, not to an organization.
  'extra-education': {
    operation: 'ExtraEducationChanges',
    name: 'extraEducationChanges',
    entityType: 'ExtraEducationChangeEntity',
    keys: 'version kind entity id organizationId municipalityId personId classId reason',
  },
};

/** The demo manifest's change-feed operations, byte for byte (their hashes are what a service account may send). */
export function feedOperation(feed: Feed): { name: string; body: string } {
  const { operation, name, entityType, keys } = FIELD[feed];
  return {
    name: operation,
    body: `query ${operation}($entity: ${entityType}!, $since: String, $first: Int) {
  ${name}(entity: $entity, since: $since, first: $first) {
    changes { ${keys} }
    cursor
    hasMore
  }
}`,
  };
}

interface Page {
  changes: Record<string, unknown>[];
  cursor: string;
  hasMore: boolean;
}

export interface FollowOptions {
  feed: Feed;
  entity: string;
  stateFile: string;
  output: string;
  format: Format;
  pageSize?: number;
}

export async function readCursor(stateFile: string): Promise<string | null> {
  try {
    const state = JSON.parse(await readFile(stateFile, 'utf8')) as { cursor?: unknown };
    return typeof state.cursor === 'string' ? state.cursor : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Reads every change after the stored cursor; returns how many were written and the new cursor. */
export async function follow(connection: Connection, options: FollowOptions) {
  const operation = feedOperation(options.feed);
  let cursor = await readCursor(options.stateFile);
  let written = 0;
  let first = written === 0 && cursor === null;
  for (;;) {
    const data = await runOperation(connection, operation, {
      entity: options.entity,
      since: cursor,
      first: options.pageSize ?? 200,
    });
    const page = data[FIELD[options.feed].name] as Page;
    if (page.changes.length) {
      const text =
        options.format === 'csv'
          ? toCsv(page.changes, first)
          : page.changes.map((change) => JSON.stringify(change)).join('\n') + '\n';
      await appendFile(options.output, text);
      first = false;
      written += page.changes.length;
    }
    cursor = page.cursor;
    // Written after the changes, replaced atomically: a crash repeats a page, never skips one.
    const temporary = `${options.stateFile}.tmp`;
    await writeFile(temporary, JSON.stringify({ feed: options.feed, entity: options.entity, cursor }) + '\n');
    await rename(temporary, options.stateFile);
    if (!page.hasMore) return { written, cursor };
  }
}
