/**
 * Seeded randomness for the demo generator: the same seed gives the same region, byte for byte, so tests
 * and demo logins can rely on it. sfc32 (from PractRand) seeded through splitmix32; no Math.random anywhere.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A new array in random order; the input is left as it is. */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct items (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[];
  /** A string of `length` random decimal digits. */
  digits(length: number): string;
}

/** FNV-1a over the text of the seed and stream name: independent streams from one seed. */
function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function splitmix32(state: number): () => number {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let t = state ^ (state >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** A 32-bit unsigned integer source. */
function sfc32(seed: number): () => number {
  const init = splitmix32(seed);
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

export function createRandom(seed: number | string, stream = 'data'): Random {
  const word = sfc32(hashSeed(`${seed}/${stream}`));
  const next = () => word() / 4294967296;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[int(0, items.length - 1)] as T;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick,
    shuffle,
    sample: (items, count) => shuffle(items).slice(0, count),
    digits: (length) => Array.from({ length }, () => String(int(0, 9))).join(''),
  };
}

export interface IdFactory {
  /** The next id: a UUIDv7 whose timestamp is the factory epoch plus one millisecond per id. */
  next(): string;
}

/**
 * Deterministic ids shaped like UUIDv7, so they sort in creation order and fill B-tree pages the way
 * `uuidv7()` does. The timestamp is a fixed epoch plus a counter, the random bits come from the seed.
 */
export function createIdFactory(seed: number | string, epochMs: number): IdFactory {
  const word = sfc32(hashSeed(`${seed}/ids`));
  const hex = (value: number, length: number) => value.toString(16).padStart(length, '0');
  let counter = 0;
  return {
    next() {
      const ms = epochMs + counter++;
      const time = hex(Math.floor(ms / 0x10000), 8) + hex(ms % 0x10000, 4);
      const randA = word() & 0xfff;
      const variant = 0x8000 | (word() & 0x3fff);
      const tail = hex(word() & 0xffff, 4) + hex(word(), 8);
      return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(randA, 3)}-${hex(variant, 4)}-${tail}`;
    },
  };
}
