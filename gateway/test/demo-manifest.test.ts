/**
 * The demo municipal system's operation manifest (issue 14 §1, `db/src/demo/manifests/`): every operation is
 * valid against the API schema, its id is the SHA-256 of its text, and it fits the service accounts' query limits
 * with its pages at their largest — so the shipped example runs as shipped.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { SUPERGRAPH_PATH } from '@region/schema';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, exceededLimit } from '../src/limits.ts';

const schema: GraphQLSchema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();
const manifest = JSON.parse(
  readFileSync(new URL('../../db/src/demo/manifests/mis-municipality-1.json', import.meta.url), 'utf8'),
) as { format: string; version: number; operations: { id: string; name: string; type: string; body: string }[] };

describe('the demo manifest of mis-municipality-1', () => {
  it('is an Apollo persisted query manifest', () => {
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.version).toBe(1);
    expect(manifest.operations.map((operation) => operation.name).sort()).toEqual([
      'AdmissionsChanges',
      'CampaignFigures',
      'ExtraEducationChanges',
      'LearningChanges',
      'MunicipalContingent',
      'NotOpenedOrganizations',
      'PeopleChanges',
    ]);
  });

  it.each(manifest.operations)('$name: hashed, valid and within the service limits', ({ id, body }) => {
    expect(createHash('sha256').update(body).digest('hex')).toBe(id);
    const document = parse(body);
    expect(validate(schema, document)).toEqual([]);
    const entity = body.includes('PeopleChangeEntity')
      ? 'PERSON'
      : body.includes('Admissions')
        ? 'APPLICATION'
        : body.includes('ExtraEducation')
          ? 'CERTIFICATE'
          : 'MARK';
    const variables = { first: 200, entity };
    expect(exceededLimit({ schema, document, source: body, variables }, DEFAULT_LIMITS.service)).toBeNull();
  });
});
