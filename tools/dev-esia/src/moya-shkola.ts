/**
 * A stand-in for the receiving endpoint of ФГИС «Моя школа» (issue 14 §3), so `npm start` and the tests
 * deliver the learning mart for real. It keeps what a receiver must: a batch is stored once per
 * `Idempotency-Key` (a retried delivery answers the first answer again and stores nothing), and it refuses
 * records it cannot take, naming each with a code and reason, which the region's delivery report shows.
 *
 * Dev controls (no such thing on the federal side): `POST /moya-shkola/dev/refuse` makes the receiver refuse
 * one record (e.g. a learner it cannot match to an ESIA account), `POST /moya-shkola/dev/fail` makes the next
 * deliveries fail with a 503 — before storing or after (the answer lost on the way back).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpError, bearerToken, sendJson } from './http.ts';

const RECORD_TYPES = [
  'CLASS',
  'CLASS_MEMBERSHIP',
  'LEARNER',
  'STUDY_PERIOD',
  'LESSON',
  'MARK',
  'ABSENCE',
  'EVENT',
] as const;

const RecordSchema = z.object({
  type: z.enum(RECORD_TYPES),
  op: z.enum(['UPSERT', 'DELETE']),
  id: z.string().min(1),
  data: z.record(z.string(), z.unknown()).optional(),
});
type MartRecord = z.infer<typeof RecordSchema>;

const BatchSchema = z.object({
  batchId: z.string().min(1),
  organizationId: z.string().min(1),
  records: z.array(z.unknown()),
});

const RefuseRequest = z.object({
  type: z.enum(RECORD_TYPES),
  id: z.string().min(1),
  code: z.string().min(1),
  reason: z.string().min(1),
});
const FailRequest = z.object({ count: z.number().int().min(0), when: z.enum(['before-store', 'after-store']) });

interface Refusal {
  type: string;
  id: string;
  code: string;
  reason: string;
}
interface Answer {
  batchId: string;
  accepted: number;
  refused: Refusal[];
}
interface StoredBatch {
  batchId: string;
  organizationId: string;
  records: MartRecord[];
  answer: Answer;
  receivedAt: string;
  /** How many times this key was delivered (a retry after a lost answer counts, and stores nothing). */
  deliveries: number;
}

/** Fields a record of each kind must carry to be usable by «Моя школа» (a malformed one is refused). */
const REQUIRED: Partial<Record<MartRecord['type'], readonly string[]>> = {
  CLASS: ['name', 'schoolYear'],
  CLASS_MEMBERSHIP: ['learnerId', 'classId', 'joinedOn'],
  LESSON: ['classId', 'subject', 'date'],
  MARK: ['learnerId', 'subject', 'date', 'value'],
  ABSENCE: ['learnerId', 'lessonId', 'date', 'status'],
  STUDY_PERIOD: ['name', 'startsOn', 'endsOn'],
  EVENT: ['title', 'startsAt'],
};

/** Batches are whole pages of records (hundreds of kilobytes), unlike the small bodies of the rest of dev ESIA. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

async function readBatch(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BATCH_BYTES) throw new HttpError(413, 'invalid_request', 'Batch too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_request', 'Expected a JSON batch');
  }
}

export function createMoyaShkolaStandIn() {
  const batches = new Map<string, StoredBatch>();
  const refusals = new Map<string, Refusal>();
  let failures: { count: number; when: 'before-store' | 'after-store' } = { count: 0, when: 'before-store' };

  function check(raw: unknown): { record: MartRecord | null; refusal: Refusal | null } {
    const parsed = RecordSchema.safeParse(raw);
    const loose = (raw ?? {}) as { type?: unknown; id?: unknown };
    if (!parsed.success) {
      return {
        record: null,
        refusal: { type: String(loose.type), id: String(loose.id), code: 'MALFORMED', reason: 'Неверная запись' },
      };
    }
    const record = parsed.data;
    const configured = refusals.get(`${record.type}:${record.id}`);
    if (configured) return { record, refusal: configured };
    if (record.op === 'UPSERT') {
      const missing = (REQUIRED[record.type] ?? []).filter((field) => record.data?.[field] == null);
      if (missing.length > 0) {
        return {
          record,
          refusal: {
            type: record.type,
            id: record.id,
            code: 'MALFORMED',
            reason: `Не заполнены обязательные поля: ${missing.join(', ')}`,
          },
        };
      }
    }
    return { record, refusal: null };
  }

  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!bearerToken(req)) throw new HttpError(401, 'invalid_token', 'A bearer token of the region is required');
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0) {
      throw new HttpError(400, 'invalid_request', 'The Idempotency-Key header is required');
    }
    const body = BatchSchema.safeParse(await readBatch(req));
    if (!body.success || body.data.batchId !== key) {
      throw new HttpError(400, 'invalid_request', 'Expected { batchId (= Idempotency-Key), organizationId, records }');
    }
    if (failures.count > 0 && failures.when === 'before-store') {
      failures = { ...failures, count: failures.count - 1 };
      throw new HttpError(503, 'unavailable', 'The receiver is unavailable');
    }
    const known = batches.get(key);
    if (known) {
      known.deliveries += 1;
      return sendJson(res, 200, known.answer);
    }
    const accepted: MartRecord[] = [];
    const refused: Refusal[] = [];
    for (const raw of body.data.records) {
      const { record, refusal } = check(raw);
      if (refusal) refused.push(refusal);
      else if (record) accepted.push(record);
    }
    const answer: Answer = { batchId: key, accepted: accepted.length, refused };
    batches.set(key, {
      batchId: key,
      organizationId: body.data.organizationId,
      records: accepted,
      answer,
      receivedAt: new Date().toISOString(),
      deliveries: 1,
    });
    if (failures.count > 0 && failures.when === 'after-store') {
      // Stored, but the answer never reaches the region: its retry must find the batch and store nothing.
      failures = { ...failures, count: failures.count - 1 };
      throw new HttpError(503, 'unavailable', 'The receiver is unavailable');
    }
    sendJson(res, 200, answer);
  }

  /** Routes `/moya-shkola/*`; false when the path is not its own. */
  async function route(req: IncomingMessage, res: ServerResponse, key: string): Promise<boolean> {
    switch (key) {
      case 'POST /moya-shkola/batches':
        await receive(req, res);
        return true;
      case 'GET /moya-shkola/batches':
        sendJson(res, 200, [...batches.values()]);
        return true;
      case 'POST /moya-shkola/dev/refuse': {
        const body = RefuseRequest.safeParse(await readBatch(req));
        if (!body.success) throw new HttpError(400, 'invalid_request', 'Expected { type, id, code, reason }');
        refusals.set(`${body.data.type}:${body.data.id}`, body.data);
        sendJson(res, 200, { ok: true });
        return true;
      }
      case 'POST /moya-shkola/dev/fail': {
        const body = FailRequest.safeParse(await readBatch(req));
        if (!body.success) throw new HttpError(400, 'invalid_request', 'Expected { count, when }');
        failures = body.data;
        sendJson(res, 200, { ok: true });
        return true;
      }
    }
    return false;
  }

  return { route };
}
