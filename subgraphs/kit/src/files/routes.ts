/**
 * A subgraph's `/files` routes (issue 15: learning's homework files, people's message attachments), reached
 * through the gateway's pass-through: `PUT <prefix>/upload/<ticket>` takes the bytes of an upload a GraphQL
 * mutation allowed, `GET <prefix>/<ticket>` answers a file a GraphQL field allowed. The ticket is the only
 * credential (a link or a `PUT` from the browser carries no bearer token); refusals have the GraphQL error shape
 * with a code, as every answer of the platform.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, type ErrorCode } from '../errors.ts';
import { sendJson } from '../http.ts';
import type { Logger } from '../logger.ts';
import type { FileSettings } from './settings.ts';
import { TicketRefused, type UploadTicket } from './tickets.ts';

const TOKEN = '([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

function refuse(response: ServerResponse, code: ErrorCode, message: string, field?: string) {
  sendJson(
    response,
    STATUS[code] ?? 500,
    { errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] },
    // The rest of a refused upload is not read: the connection is not reused for the next request.
    { connection: 'close', 'cache-control': 'no-store' },
  );
}

/** RFC 6266: an ASCII fallback and the UTF-8 name, so «Задание.pdf» keeps its name in every browser. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A stored file as the routes answer and send it. */
export interface RoutedFile {
  id: string;
  fileName: string;
  size: number;
  contentType: string;
  sha256: string;
  scanStatus: string;
  storageKey: string;
}

/**
 * A subgraph's file routes under `prefix` (learning: `/files`, people: `/files/people`): `PUT <prefix>/upload/<ticket>`
 * hands the bytes to `land` (the subgraph's checks and its row, in one transaction), `GET <prefix>/<ticket>`
 * answers the file `find` returns. `what` names the files in the log.
 */
export function fileRoutes<F extends RoutedFile>(options: {
  prefix: string;
  what: string;
  files: FileSettings;
  logger: Logger;
  now: () => Date;
  land: (ticket: UploadTicket, body: Readable, now: Date) => Promise<F>;
  find: (fileId: string) => Promise<F>;
}) {
  const { prefix, files, logger, now, land, find } = options;
  const UPLOAD = new RegExp(`^${prefix}/upload/${TOKEN}$`);
  const DOWNLOAD = new RegExp(`^${prefix}/${TOKEN}$`);
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const upload = UPLOAD.exec(path);
    const download = upload ? null : DOWNLOAD.exec(path);
    if (!upload && !download && !path.startsWith(`${prefix}/`)) return false;
    try {
      if (upload) {
        if (request.method !== 'PUT')
          return (refuse(response, 'BAD_USER_INPUT', 'Файл отправляется запросом PUT.'), true);
        const ticket = await files.tickets.verify(upload[1]!, 'upload', now());
        const declared = Number(request.headers['content-length'] ?? NaN);
        if (Number.isFinite(declared) && declared !== ticket.size) {
          refuse(response, 'BAD_USER_INPUT', 'Размер файла не совпадает с заявленным.', 'file');
          request.resume();
          return true;
        }
        const row = await land(ticket, request, now());
        sendJson(response, 201, {
          file: {
            id: row.id,
            name: row.fileName,
            size: row.size,
            contentType: row.contentType,
            sha256: row.sha256,
            scanStatus: row.scanStatus,
          },
        });
        return true;
      }
      if (download) {
        if (request.method !== 'GET')
          return (refuse(response, 'BAD_USER_INPUT', 'Файл скачивается запросом GET.'), true);
        const ticket = await files.tickets.verify(download[1]!, 'download', now());
        const file = await find(ticket.fileId);
        const body = await files.storage.get(file.storageKey);
        if (!body) throw new AppError('NOT_FOUND', 'Файл не найден в хранилище.');
        logger.info({ fileId: file.id, personId: ticket.personId }, `${options.what} downloaded`);
        response.writeHead(200, {
          'content-type': file.contentType,
          'content-length': String(file.size),
          'content-disposition': contentDisposition(file.fileName),
          // Never rendered in the platform's origin, never kept by a shared cache: a child's work, a family's letters.
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': 'private, no-store',
        });
        await pipeline(body, response);
        return true;
      }
      refuse(response, 'NOT_FOUND', 'Ссылка на файл неверна.');
      return true;
    } catch (error) {
      if (response.headersSent) {
        logger.error({ err: error }, 'file transfer broke off');
        response.destroy();
        return true;
      }
      if (error instanceof TicketRefused) refuse(response, 'FORBIDDEN', error.message);
      else if (error instanceof AppError)
        refuse(response, error.code, error.message, error.extensions['field'] as string | undefined);
      else {
        logger.error({ err: error }, 'file route failed');
        refuse(response, 'INTERNAL_SERVER_ERROR', 'Внутренняя ошибка сервера. Мы уже разбираемся.');
      }
      request.resume();
      return true;
    }
  };
}
