/**
 * People's `/files/people` routes for message attachments (issue 15 §1), the same shape as learning's homework
 * file routes and reached through the same gateway pass-through: `PUT /files/people/upload/<ticket>` takes the
 * bytes of an upload `requestMessageFileUpload` allowed, `GET /files/people/<ticket>` answers a file
 * `Message.files` signed for a participant. The ticket is the only credential; refusals have the GraphQL error
 * shape with a code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { AppError, sendJson, TicketRefused, type ErrorCode, type Logger } from '@region/kit';
import type { Database } from '@region/db';
import type { MessageFileSettings } from '../../files.ts';
import { FILES_PREFIX, fileForDownload, landUpload } from './service.ts';

const TOKEN = '([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)';
const UPLOAD = new RegExp(`^${FILES_PREFIX}/upload/${TOKEN}$`);
const DOWNLOAD = new RegExp(`^${FILES_PREFIX}/${TOKEN}$`);

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

export function messageFileRoutes(options: {
  db: Database;
  files: MessageFileSettings;
  logger: Logger;
  now: () => Date;
}) {
  const { db, files, logger, now } = options;
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const upload = UPLOAD.exec(path);
    const download = upload ? null : DOWNLOAD.exec(path);
    if (!upload && !download && !path.startsWith(`${FILES_PREFIX}/`)) return false;
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
        const row = await landUpload(db, files, ticket, request, now());
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
        const file = await fileForDownload(db, ticket.fileId);
        const body = await files.storage.get(file.storageKey);
        if (!body) throw new AppError('NOT_FOUND', 'Файл не найден в хранилище.');
        logger.info({ fileId: file.id, personId: ticket.personId }, 'message file downloaded');
        response.writeHead(200, {
          'content-type': file.contentType,
          'content-length': String(file.size),
          'content-disposition': contentDisposition(file.fileName),
          // Never rendered in the platform's origin, never kept by a shared cache: it is a family.s correspondence.
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
