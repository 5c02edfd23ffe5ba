/**
 * Seeded hashing for tie-breaking. The engine never lets input order decide anything: people are
 * put in the order of a seeded hash of their id, so shuffling the input changes nothing and a new
 * seed explores a different but equally good proposal among ties.
 */

/** murmur3's 32-bit finaliser: every input bit flips about half of the output bits. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, started from the mixed seed and finished with `mix32`. */
export function seededHash(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ mix32(seed ^ 0x9e3779b9)) >>> 0;
  for (let k = 0; k < text.length; k++) {
    h ^= text.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

export function seededIntHash(seed: number, value: number): number {
  return mix32(mix32(seed ^ 0x9e3779b9) ^ Math.imul(value | 0, 0x27d4eb2d));
}

function byHashThenKey(hashes: Uint32Array, keys: readonly string[]) {
  return (a: number, b: number): number => {
    const ha = hashes[a] ?? 0;
    const hb = hashes[b] ?? 0;
    if (ha !== hb) return ha - hb;
    const ka = keys[a] ?? '';
    const kb = keys[b] ?? '';
    // Only a hash collision gets here; code-point order keeps it independent of input order.
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

/** Positions of `keys` in seeded-hash order; equal keys would tie, so callers pass unique ones. */
export function seededOrder(seed: number, keys: readonly string[]): number[] {
  const hashes = Uint32Array.from(keys, (key) => seededHash(seed, key));
  return keys.map((_, index) => index).sort(byHashThenKey(hashes, keys));
}

export function isSeed(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}
