/**
 * The platform's own workers run as service accounts with registered manifests (issue 14 §1): each demo
 * manifest holds exactly the texts their delivery clients send, byte for byte, so their hashes are accepted and
 * a changed client text fails here before it fails in a delivery.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RECORD as ADMISSIONS_NOTICE } from '../../subgraphs/admissions/src/outbox/application-notice-client.ts';
import { RECORD as ADMISSIONS_ENROLMENT } from '../../subgraphs/admissions/src/outbox/movement-book-client.ts';
import { RECORD as EXTRA_MOVEMENT } from '../../subgraphs/extra-education/src/outbox/movement-book-client.ts';
import { RECORD as EXTRA_LINK } from '../../subgraphs/extra-education/src/outbox/people-links-client.ts';
import { QUERY as MART_PEOPLE_CHANGES } from '../../subgraphs/learning/src/mart/people-feed.ts';
import { RECORD as JOURNAL_NOTICE } from '../../subgraphs/learning/src/outbox/people-client.ts';
import { describe, expect, it } from 'vitest';

const manifest = (clientId: string) =>
  JSON.parse(readFileSync(new URL(`../../db/src/demo/manifests/${clientId}.json`, import.meta.url), 'utf8')) as {
    operations: { id: string; body: string }[];
  };

describe("the workers' manifests", () => {
  it.each([
    ['admissions-enrolment', [ADMISSIONS_ENROLMENT]],
    ['admissions-notifications', [ADMISSIONS_NOTICE]],
    ['extra-education-enrolment', [EXTRA_MOVEMENT, EXTRA_LINK]],
    ['learning-notifications', [JOURNAL_NOTICE]],
    ['learning-mart', [MART_PEOPLE_CHANGES]],
  ])('%s holds exactly its clients’ texts, hashed', (clientId, texts) => {
    const { operations } = manifest(clientId);
    expect(operations.map((operation) => operation.body)).toEqual(texts);
    for (const operation of operations) {
      expect(operation.id).toBe(createHash('sha256').update(operation.body).digest('hex'));
    }
  });
});
