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
const TWO = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
/** `YYYY-MM-DDT` per day number since the epoch, made once per day the journal touches. */
const dayPrefixes = new Map<number, string>();

/** `new Date(ms).toISOString()` for the years the generator writes (0 < year < 10000). */
export function isoTimestamp(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const milliseconds = rest % 1000;
  rest = (rest - milliseconds) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return `${prefix}${TWO[hours]}:${TWO[minutes]}:${TWO[seconds]}.${THREE[milliseconds]}Z`;
}

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
