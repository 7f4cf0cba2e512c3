/**
 * A proxy in front of the people subgraph, between it and the gateway: tests record what people receives, or
 * answer in its place as a failing proxy would. `startPlatformBehindFront` points the gateway at the proxy.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listen } from '@region/kit';
import { startPlatform, type Platform, type PlatformOptions } from './platform.ts';

/** Answers a request in people's place, or returns false to let it through to people. */
export type FrontHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

export interface PeopleFront {
  platform: Platform;
  /** Stops the platform and the proxy. */
  stop(): Promise<void>;
}

/** Forwards one request to `target` as it came (body, content type, authorization) and relays the answer. */
async function relay(request: IncomingMessage, response: ServerResponse, target: string): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const answer = await fetch(target, {
    method: request.method,
    headers: {
      'content-type': request.headers['content-type'] ?? 'application/json',
      authorization: request.headers.authorization ?? '',
    },
    body: request.method === 'POST' ? Buffer.concat(chunks) : undefined,
  });
  response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
  response.end(await answer.text());
}

export async function startPlatformBehindFront(
  handle: FrontHandler,
  options: Omit<PlatformOptions, 'gatewaySubgraphUrl'> = {},
): Promise<PeopleFront> {
  let target = '';
  const front: Server = createServer((request, response) => {
    if (!handle(request, response)) void relay(request, response, target);
  });
  const platform = await startPlatform({
    ...options,
    gatewaySubgraphUrl: async (name, url) => {
      if (name !== 'people') return url;
      target = url;
      return `http://127.0.0.1:${await listen(front, 0)}/graphql`;
    },
  });
  return {
    platform,
    stop: async () => {
      await platform.stop();
      await closeServer(front);
    },
  };
}
