/**
 * The receiving endpoint of «Моя школа» (issue 14 §3; dev ESIA's stand-in `POST /moya-shkola/batches` in
 * development): one batch per request under its `Idempotency-Key`, the region's bearer secret. A 5xx answer,
 * a timeout or a network failure is retried with the same key; any other refusal of the whole batch is
 * permanent. The answer names the records refused, each with its code and reason.
 */
import { DeliveryError } from '@region/kit';
import type { MartRefusal } from '@region/db/learning';
import { z } from 'zod';
import type { MartRecord } from './records.ts';

export interface MartBatchToSend {
  id: string;
  organizationId: string;
  records: MartRecord[];
}

export interface MartAnswer {
  accepted: number;
  refused: MartRefusal[];
}

export type DeliverBatch = (batch: MartBatchToSend) => Promise<MartAnswer>;

const Answer = z.object({
  accepted: z.number().int().min(0),
  refused: z.array(z.object({ type: z.string(), id: z.string(), code: z.string(), reason: z.string() })),
});

export function martReceiver(options: {
  url: string;
  token: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}): DeliverBatch {
  const send = options.fetch ?? fetch;
  return async (batch) => {
    const response = await send(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${options.token}`,
        'idempotency-key': batch.id,
      },
      body: JSON.stringify({ batchId: batch.id, organizationId: batch.organizationId, records: batch.records }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (response.status >= 500 || response.status === 429) {
      throw new DeliveryError(`receiver answered ${response.status}`);
    }
    const body = Answer.safeParse(await response.json().catch(() => null));
    if (!response.ok || !body.success) {
      throw new DeliveryError(`receiver refused the batch: ${response.status}`, { permanent: true });
    }
    return body.data;
  };
}
