/**
 * Apollo's persisted query manifest (the format `@apollo/generate-persisted-query-manifest` writes and the Router
 * reads): checked in full before a version is stored, so the gateway can trust every entry it enforces.
 */
import { createHash } from 'node:crypto';
import { badInput } from '@region/kit';
import { Kind, parse, type DocumentNode } from 'graphql';
import { z } from 'zod';

export interface PersistedOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface OperationManifestDocument {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

const MANIFEST = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z
    .array(
      z.object({
        id: z.string().regex(/^[0-9a-f]{64}$/),
        name: z.string().min(1).max(200),
        type: z.enum(['query', 'mutation', 'subscription']),
        body: z.string().min(1).max(100_000),
      }),
    )
    .min(1)
    .max(500),
});

export const operationHash = (body: string) => createHash('sha256').update(body).digest('hex');

const refuse = (message: string) => badInput(message, 'manifest');

export function parseOperationManifest(text: string): OperationManifestDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse('Манифест операций должен быть JSON-документом.');
  }
  const parsed = MANIFEST.safeParse(json);
  if (!parsed.success) {
    throw refuse(
      'Манифест не в формате apollo-persisted-query-manifest версии 1: нужен список operations (1–500) из id ' +
        '(SHA-256, 64 шестнадцатеричные цифры), name, type (query, mutation, subscription) и body.',
    );
  }
  const seen = new Set<string>();
  for (const operation of parsed.data.operations) {
    if (seen.has(operation.id)) throw refuse(`Операция ${operation.name} указана в манифесте дважды.`);
    seen.add(operation.id);
    if (operationHash(operation.body) !== operation.id)
      throw refuse(`У операции ${operation.name} id не совпадает с SHA-256 её текста.`);
    let document: DocumentNode;
    try {
      document = parse(operation.body);
    } catch {
      throw refuse(`Текст операции ${operation.name} не разбирается как GraphQL.`);
    }
    const definitions = document.definitions.filter((node) => node.kind === Kind.OPERATION_DEFINITION);
    const [definition] = definitions;
    if (definitions.length !== 1 || !definition)
      throw refuse(`Текст операции ${operation.name} должен содержать ровно одну операцию.`);
    if (definition.name?.value !== operation.name || definition.operation !== operation.type)
      throw refuse(`Имя или вид операции ${operation.name} не совпадают с её текстом.`);
  }
  return parsed.data;
}
