/**
 * Taking an uploaded file in (issue 15 §2): the bytes stream into the store while their size is counted
 * against the limit and their sha256 computed; then the type is read from the stored bytes' magic numbers
 * (`file-type`), never trusted from the name or the browser's `Content-Type`, and must agree with the name's
 * extension. Anything refused is deleted from the store before the refusal is answered.
 */
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { fileTypeFromStream } from 'file-type';
import type { FileStorage } from './storage.ts';

/** 10 MiB: a scanned worksheet or a phone photo of a notebook page fits; a video does not. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Allowed extensions and the type their bytes must show (`file-type`'s MIME); `text` has no magic number. */
const ALLOWED: Record<string, { mime: string; detected: readonly string[] | 'text' }> = {
  pdf: { mime: 'application/pdf', detected: ['application/pdf'] },
  png: { mime: 'image/png', detected: ['image/png'] },
  jpg: { mime: 'image/jpeg', detected: ['image/jpeg'] },
  jpeg: { mime: 'image/jpeg', detected: ['image/jpeg'] },
  webp: { mime: 'image/webp', detected: ['image/webp'] },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    detected: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    detected: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    detected: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  },
  odt: { mime: 'application/vnd.oasis.opendocument.text', detected: ['application/vnd.oasis.opendocument.text'] },
  ods: {
    mime: 'application/vnd.oasis.opendocument.spreadsheet',
    detected: ['application/vnd.oasis.opendocument.spreadsheet'],
  },
  odp: {
    mime: 'application/vnd.oasis.opendocument.presentation',
    detected: ['application/vnd.oasis.opendocument.presentation'],
  },
  // Legacy Office files are OLE compound documents; file-type names the container only.
  doc: { mime: 'application/msword', detected: ['application/x-cfb'] },
  xls: { mime: 'application/vnd.ms-excel', detected: ['application/x-cfb'] },
  ppt: { mime: 'application/vnd.ms-powerpoint', detected: ['application/x-cfb'] },
  txt: { mime: 'text/plain; charset=utf-8', detected: 'text' },
};

export const ALLOWED_FILE_EXTENSIONS = Object.keys(ALLOWED);

/** What a person sees when a file is refused; the subgraph answers it as `BAD_USER_INPUT`. */
export class FileRejected extends Error {
  constructor(
    readonly reason: 'NAME' | 'EXTENSION' | 'TOO_LARGE' | 'SIZE_MISMATCH' | 'EMPTY' | 'TYPE',
    message: string,
  ) {
    super(message);
  }
}

const formatMiB = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.floor(bytes / 1024)} КБ`
    : `${(bytes / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`;

/**
 * A file name as people see it, cleaned of paths and control characters; refused when nothing is left or the
 * extension is not one of the allowed ones. Returns the name and the extension's content type.
 */
export function checkFileName(raw: string): { name: string; extension: string; contentType: string } {
  // eslint-disable-next-line no-control-regex
  const name = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!name || name.length > 200) throw new FileRejected('NAME', 'Имя файла — от 1 до 200 символов.');
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const allowed = ALLOWED[extension];
  if (!allowed)
    throw new FileRejected(
      'EXTENSION',
      `Файлы такого типа не принимаются. Можно: ${ALLOWED_FILE_EXTENSIONS.join(', ')}.`,
    );
  return { name, extension, contentType: allowed.mime };
}

/** Refuses a declared size before any byte is sent. */
export function checkFileSize(size: number, maxBytes: number): void {
  if (!Number.isInteger(size) || size <= 0) throw new FileRejected('EMPTY', 'Файл пустой.');
  if (size > maxBytes)
    throw new FileRejected('TOO_LARGE', `Файл больше ${formatMiB(maxBytes)}: загрузите файл поменьше.`);
}

export interface ReceivedFile {
  size: number;
  sha256: string;
  contentType: string;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Streams `body` into the store under `key`: at most `maxBytes` (the stream is cut at the first byte over
 * it), exactly `expectedBytes` when given, and of the type its name's extension promises.
 */
export async function receiveFile(options: {
  storage: FileStorage;
  key: string;
  body: Readable;
  fileName: string;
  maxBytes: number;
  expectedBytes?: number;
}): Promise<ReceivedFile> {
  const { storage, key, maxBytes } = options;
  const { extension, contentType } = checkFileName(options.fileName);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let size = 0;
  let headSize = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(new FileRejected('TOO_LARGE', `Файл больше ${formatMiB(maxBytes)}: загрузите файл поменьше.`));
        return;
      }
      if (options.expectedBytes !== undefined && size > options.expectedBytes) {
        done(new FileRejected('SIZE_MISMATCH', 'Файл больше заявленного размера: загрузите его ещё раз.'));
        return;
      }
      hash.update(chunk);
      if (headSize < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headSize));
        headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
      }
      done(null, chunk);
    },
  });
  // The bytes start flowing before the store attaches its pipeline (it may create a directory first): a refusal
  // in that gap stays on the destroyed stream, which the pipeline then reports, instead of going uncaught.
  meter.on('error', () => {});
  options.body.on('error', (error) => meter.destroy(error));
  options.body.pipe(meter);
  await storage.put(key, meter);
  try {
    if (size === 0) throw new FileRejected('EMPTY', 'Файл пустой.');
    if (options.expectedBytes !== undefined && size !== options.expectedBytes)
      throw new FileRejected('SIZE_MISMATCH', 'Файл передан не полностью: загрузите его ещё раз.');
    const expected = ALLOWED[extension]!.detected;
    const stored = await storage.get(key);
    const detected = stored ? await detectAndClose(stored) : undefined;
    const fits =
      expected === 'text' ? detected === undefined && isText(Buffer.concat(head)) : expected.includes(detected ?? '');
    if (!fits)
      throw new FileRejected(
        'TYPE',
        `Содержимое файла не соответствует расширению .${extension}: файл повреждён или переименован.`,
      );
    return { size, sha256: hash.digest('hex'), contentType };
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
}

async function detectAndClose(stream: Readable): Promise<string | undefined> {
  try {
    return (await fileTypeFromStream(Readable.toWeb(stream) as ReadableStream<Uint8Array>))?.mime;
  } finally {
    stream.destroy();
  }
}

/** UTF-8 without NUL bytes in the first 64 KiB (`stream: true` lets a character cut at the very end pass). */
function isText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
