/**
 * The journal's per-row helpers without per-row garbage: an id factory that gives exactly the ids of the demo's
 * `createIdFactory` (random.ts: the same sfc32 stream, the same UUIDv7 layout) from a table of hex bytes instead
 * of `toString(16)`/`padStart`/`slice`, and an ISO timestamp formatter that gives exactly what
 * `Date.prototype.toISOString` gives without making a Date. The journal writes ≈ 110 ids and timestamps per
 * learner; these two were a fifth of the generator's time and much of its garbage (profile in
 * docs/region-generator.md).
 */
import type { IdFactory } from '../random.ts';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** FNV-1a, splitmix32 and sfc32 exactly as random.ts seeds its id streams. */
function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function sfc32(seed: number): () => number {
  let state = seed;
  const init = () => {
    state = (state + 0x9e3779b9) | 0;
    let t = state ^ (state >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const word = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) word();
  return word;
}

/** The ids `createIdFactory(seed, epochMs)` makes, in the same order. */
export function createFastIdFactory(seed: number | string, epochMs: number): IdFactory {
  const word = sfc32(hashSeed(`${seed}/ids`));
  let counter = 0;
  return {
    next() {
      const ms = epochMs + counter++;
      const high = Math.floor(ms / 0x10000);
      const low = ms % 0x10000;
      const randA = word() & 0xfff;
      const variant = 0x8000 | (word() & 0x3fff);
      const tailHigh = word() & 0xffff;
      const tailLow = word();
      return `${HEX[high >>> 24]}${HEX[(high >>> 16) & 0xff]}${HEX[(high >>> 8) & 0xff]}${HEX[high & 0xff]}-${
        HEX[low >>> 8]
      }${HEX[low & 0xff]}-7${HEX[randA >>> 8]?.slice(1)}${HEX[randA & 0xff]}-${HEX[variant >>> 8]}${
        HEX[variant & 0xff]
      }-${HEX[tailHigh >>> 8]}${HEX[tailHigh & 0xff]}${HEX[tailLow >>> 24]}${HEX[(tailLow >>> 16) & 0xff]}${
        HEX[(tailLow >>> 8) & 0xff]
      }${HEX[tailLow & 0xff]}`;
    },
  };
}

const DAY_MS = 86_400_000;
/** Midnight UTC of a `YYYY-MM-DD` date, cached: the journal asks for the same few hundred days. */
const dayStarts = new Map<string, number>();
export function dayStartMs(date: string): number {
  let ms = dayStarts.get(date);
  if (ms === undefined) {
    ms = Date.parse(date);
    dayStarts.set(date, ms);
  }
  return ms;
}

const HEX_CODES = new Uint8Array(512);
for (let byte = 0; byte < 256; byte++) {
  const hex = HEX[byte] ?? '00';
  HEX_CODES[byte * 2] = hex.charCodeAt(0);
  HEX_CODES[byte * 2 + 1] = hex.charCodeAt(1);
}
const DIGITS = new Uint8Array(200);
for (let n = 0; n < 100; n++) {
  DIGITS[n * 2] = 48 + Math.floor(n / 10);
  DIGITS[n * 2 + 1] = 48 + (n % 10);
}
const dayPrefixBytes = new Map<number, Uint8Array>();

/**
 * COPY text built as bytes, for the two largest tables (marks and attendance: a hundred rows per learner).
 * Building each line as a string, joining a class's lines and encoding them to UTF-8 was half of the
 * journal's time (string flattening, encoding and the garbage of both); here the pieces that repeat — a
 * lesson's columns, a learner's id — are encoded once and copied, ids and timestamps are written as digits
 * straight into the buffer. The bytes are exactly those of the string version.
 */
export class ByteWriter {
  private buffer = new Uint8Array(1 << 20);
  length = 0;

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  byte(code: number): void {
    this.reserve(1);
    this.buffer[this.length++] = code;
  }

  /** Any text, as UTF-8 (rare here: comments). */
  text(text: string): void {
    this.bytes(Buffer.from(text));
  }

  /** An id of `ids` (createFastIdFactory), as its 36 characters. */
  id(ids: ByteIdFactory): void {
    this.reserve(36);
    ids.write(this.buffer, this.length);
    this.length += 36;
  }

  /** `new Date(ms).toISOString()`, as its 24 characters (for the years 1970–9999). */
  iso(ms: number): void {
    this.reserve(24);
    const day = Math.floor(ms / DAY_MS);
    let prefix = dayPrefixBytes.get(day);
    if (prefix === undefined) {
      prefix = Buffer.from(new Date(day * DAY_MS).toISOString().slice(0, 11));
      dayPrefixBytes.set(day, prefix);
    }
    const out = this.buffer;
    let at = this.length;
    out.set(prefix, at);
    at += 11;
    let rest = ms - day * DAY_MS;
    const milliseconds = rest % 1000;
    rest = (rest - milliseconds) / 1000;
    const seconds = rest % 60;
    rest = (rest - seconds) / 60;
    const minutes = rest % 60;
    const hours = (rest - minutes) / 60;
    out[at++] = DIGITS[hours * 2] as number;
    out[at++] = DIGITS[hours * 2 + 1] as number;
    out[at++] = 58; // :
    out[at++] = DIGITS[minutes * 2] as number;
    out[at++] = DIGITS[minutes * 2 + 1] as number;
    out[at++] = 58;
    out[at++] = DIGITS[seconds * 2] as number;
    out[at++] = DIGITS[seconds * 2 + 1] as number;
    out[at++] = 46; // .
    out[at++] = 48 + Math.floor(milliseconds / 100);
    out[at++] = DIGITS[(milliseconds % 100) * 2] as number;
    out[at++] = DIGITS[(milliseconds % 100) * 2 + 1] as number;
    out[at++] = 90; // Z
    this.length = at;
  }

  /** The bytes written since the last call, copied out; the writer starts again empty. */
  take(): Uint8Array {
    const out = this.buffer.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

/** An id factory that can also write its next id as bytes (the same sequence either way). */
export interface ByteIdFactory extends IdFactory {
  write(target: Uint8Array, offset: number): void;
}

/** `createFastIdFactory` with `write`: both methods take the next id of one sequence. */
export function createByteIdFactory(seed: number | string, epochMs: number): ByteIdFactory {
  const word = sfc32(hashSeed(`${seed}/ids`));
  let counter = 0;
  const hexByte = (target: Uint8Array, at: number, byte: number) => {
    target[at] = HEX_CODES[byte * 2] as number;
    target[at + 1] = HEX_CODES[byte * 2 + 1] as number;
  };
  const factory: ByteIdFactory = {
    next() {
      const bytes = new Uint8Array(36);
      factory.write(bytes, 0);
      return Buffer.from(bytes).toString('latin1');
    },
    write(target, offset) {
      const ms = epochMs + counter++;
      const high = Math.floor(ms / 0x10000);
      const low = ms % 0x10000;
      const randA = word() & 0xfff;
      const variant = 0x8000 | (word() & 0x3fff);
      const tailHigh = word() & 0xffff;
      const tailLow = word();
      let at = offset;
      hexByte(target, at, high >>> 24);
      hexByte(target, at + 2, (high >>> 16) & 0xff);
      hexByte(target, at + 4, (high >>> 8) & 0xff);
      hexByte(target, at + 6, high & 0xff);
      target[at + 8] = 45; // -
      hexByte(target, at + 9, low >>> 8);
      hexByte(target, at + 11, low & 0xff);
      target[at + 13] = 45;
      target[at + 14] = 55; // 7
      target[at + 15] = HEX_CODES[(randA >>> 8) * 2 + 1] as number;
      hexByte(target, at + 16, randA & 0xff);
      target[at + 18] = 45;
      hexByte(target, at + 19, variant >>> 8);
      hexByte(target, at + 21, variant & 0xff);
      target[at + 23] = 45;
      at += 24;
      hexByte(target, at, tailHigh >>> 8);
      hexByte(target, at + 2, tailHigh & 0xff);
      hexByte(target, at + 4, tailLow >>> 24);
      hexByte(target, at + 6, (tailLow >>> 16) & 0xff);
      hexByte(target, at + 8, (tailLow >>> 8) & 0xff);
      hexByte(target, at + 10, tailLow & 0xff);
    },
  };
  return factory;
}
