/** The outbox description: the aggregate whose messages go out in order must be a column of the outbox table. */
import { describe, expect, it } from 'vitest';
import { admissionsTables } from '@region/db';
import { outboxTable } from '../../src/outbox/index.ts';

const { outbox, applications } = admissionsTables;

describe('outboxTable', () => {
  it('takes a table with the outbox columns and its aggregate column', () => {
    expect(outboxTable(outbox, outbox.applicationId)).toEqual({ table: outbox, aggregate: outbox.applicationId });
  });

  it("refuses another table's column as the aggregate", () => {
    expect(() => outboxTable(outbox, applications.id)).toThrow(/not a column of outbox/);
  });
});
