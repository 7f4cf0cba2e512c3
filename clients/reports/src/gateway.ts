/** One GraphQL request to the platform's gateway, and the client-credentials token of a service account. */
import { createHash } from 'node:crypto';

export interface Connection {
  gatewayUrl: string;
  token: string;
}

export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * A persisted operation: its hash first (a service account's manifest supplies the text); when the gateway does not
 * know the hash (a person's token: `PERSISTED_QUERY_NOT_FOUND`), the text with it, as the automatic persisted
 * queries protocol does.
 */
export async function runOperation(
  connection: Connection,
  operation: { body: string; name?: string },
  variables: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const sha256Hash = createHash('sha256').update(operation.body).digest('hex');
  const extensions = { persistedQuery: { version: 1, sha256Hash } };
  let answer = await post(connection, { variables, extensions, operationName: operation.name });
  if (answer.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') {
    answer = await post(connection, { query: operation.body, variables, extensions, operationName: operation.name });
  }
  const error = answer.errors?.[0];
  if (error) throw new GatewayError(error.extensions?.code ?? 'ERROR', error.message);
  return answer.data ?? {};
}

async function post(connection: Connection, body: object): Promise<Answer> {
  const response = await fetch(connection.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${connection.token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as Answer;
  } catch {
    throw new GatewayError('HTTP_' + response.status, text.slice(0, 200));
  }
}

/** A service account's token from the authorization server (in development dev ESIA's `/dev/service-token`). */
export async function serviceToken(tokenUrl: string, clientId: string): Promise<string> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: clientId }),
  });
  if (!response.ok) throw new GatewayError('TOKEN_REFUSED', `${response.status} ${await response.text()}`);
  const body = (await response.json()) as { access_token?: string; token?: string };
  const token = body.access_token ?? body.token;
  if (!token) throw new GatewayError('TOKEN_REFUSED', 'the token endpoint answered without a token');
  return token;
}
