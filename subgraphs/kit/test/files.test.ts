/**
 * The kit's file parts (issue 15 §2) on a real directory: the local store's put/get/delete contract, the
 * intake's limits and type check on the bytes (an XLSX written by exceljs is told from a renamed one), the
 * EICAR scanner, and the signed tickets.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EICAR_TEST_FILE,
  eicarScanner,
  fileTicketSigner,
  FileRejected,
  localFileStorage,
  newFileKey,
  receiveFile,
  TicketRefused,
  type FileStorage,
} from '../src/index.ts';

let dir: string;
let storage: FileStorage;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kit-files-'));
  storage = localFileStorage(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const stored = async () => (await readdir(dir, { recursive: true })).filter((name) => name.includes('/'));

describe('local file storage', () => {
  it('puts, gets and deletes by key, and answers null for a missing key', async () => {
    const key = newFileKey('test');
    await storage.put(key, Readable.from([Buffer.from('привет')]));
    expect(await text((await storage.get(key))!)).toBe('привет');
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await storage.delete(key);
  });

  it('leaves nothing behind when the stream fails, and refuses a key that leaves the store', async () => {
    const key = newFileKey('broken');
    const failing = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.put(key, failing)).rejects.toThrow('connection reset');
    expect(await storage.get(key)).toBeNull();
    expect((await stored()).filter((name) => name.startsWith('broken'))).toEqual([]);
    await expect(storage.put('../outside', Readable.from([]))).rejects.toThrow('invalid file key');
  });
});

describe('receiveFile', () => {
  const receive = (fileName: string, bytes: Buffer, maxBytes = 1024 * 1024, expectedBytes?: number) =>
    receiveFile({
      storage,
      key: newFileKey('intake'),
      body: Readable.from([bytes]),
      fileName,
      maxBytes,
      expectedBytes,
    });

  it('takes a real spreadsheet and refuses the same bytes named .docx', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Оценки').addRow(['Иванов', 5]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const taken = await receive('оценки.xlsx', xlsx);
    expect(taken).toMatchObject({
      size: xlsx.length,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    await expect(receive('оценки.docx', xlsx)).rejects.toMatchObject({ reason: 'TYPE' });
  });

  it('refuses a file over the limit, one longer than declared, an empty one and an unknown extension', async () => {
    const before = await stored();
    await expect(receive('a.txt', Buffer.alloc(2000, 'a'), 1000)).rejects.toMatchObject({ reason: 'TOO_LARGE' });
    await expect(receive('a.txt', Buffer.from('abcdef'), 1000, 3)).rejects.toMatchObject({ reason: 'SIZE_MISMATCH' });
    await expect(receive('a.txt', Buffer.alloc(0))).rejects.toMatchObject({ reason: 'EMPTY' });
    await expect(receive('a.exe', Buffer.from('MZ'))).rejects.toBeInstanceOf(FileRejected);
    await expect(receive('a.txt', Buffer.from([0x41, 0, 0x42]))).rejects.toMatchObject({ reason: 'TYPE' });
    expect(await stored()).toEqual(before);
  });
});

describe('eicarScanner', () => {
  it('reports the EICAR test file, even split across chunks, and passes other bytes', async () => {
    const scanner = eicarScanner();
    const split = [EICAR_TEST_FILE.slice(0, 20), EICAR_TEST_FILE.slice(20)].map((part) => Buffer.from(part, 'latin1'));
    const open = (chunks: Buffer[]) => async () => Readable.from(chunks);
    expect(await scanner.scan({ key: 'k', open: open(split) })).toEqual({
      status: 'INFECTED',
      signature: 'EICAR-Test-File',
    });
    expect(await scanner.scan({ key: 'k', open: open([Buffer.from('домашняя работа')]) })).toEqual({ status: 'CLEAN' });
  });
});

describe('fileTicketSigner', () => {
  const signer = fileTicketSigner(Buffer.alloc(32, 7));
  const now = new Date('2026-10-23T04:00:00Z');

  it('verifies its own ticket for its purpose only, and refuses an expired or foreign one', async () => {
    const { token } = await signer.sign({ purpose: 'download', fileId: 'f', personId: 'p' }, 60, now);
    expect(await signer.verify(token, 'download', now)).toMatchObject({ fileId: 'f', personId: 'p' });
    await expect(signer.verify(token, 'upload', now)).rejects.toMatchObject({ reason: 'INVALID' });
    await expect(signer.verify(token, 'download', new Date(now.getTime() + 61_000))).rejects.toMatchObject({
      reason: 'EXPIRED',
    });
    const other = fileTicketSigner(Buffer.alloc(32, 8));
    await expect(other.verify(token, 'download', now)).rejects.toBeInstanceOf(TicketRefused);
  });
});
