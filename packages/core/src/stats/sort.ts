// biome-ignore-all lint/style/noNonNullAssertion: the radix passes index typed arrays inside loop bounds
/**
 * Ascending sort of a Float64Array without NaN, in place. Large arrays use an LSD radix sort on
 * the IEEE-754 bit patterns (six 11/10-bit passes, skipping passes where every key has the same
 * digit), several times faster than TypedArray.prototype.sort on a million values; the order is
 * the same except that -0 sorts before +0, which compare equal anyway.
 */

const RADIX_MIN_LENGTH = 2048;
/** Digit bit offsets and widths: 11 + 11 + 10 bits per 32-bit word, so each count table stays small. */
const SHIFTS = [0, 11, 22, 0, 11, 22];
const WIDTHS = [11, 11, 10, 11, 11, 10];
const BUCKETS = 2048;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function sortFloat64InPlace(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN_LENGTH || !LITTLE_ENDIAN) return values.sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  const counts = new Uint32Array(6 * BUCKETS);
  // Map each double to an unsigned 64-bit key (hi, lo) with the same order: flip all bits of
  // negative numbers, set the sign bit of the others.
  for (let i = 0; i < n; i++) {
    let l = words[2 * i]!;
    let h = words[2 * i + 1]!;
    if (h >>> 31) {
      l = ~l >>> 0;
      h = ~h >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    lo[i] = l;
    hi[i] = h;
    counts[l & 2047]!++;
    counts[BUCKETS + ((l >>> 11) & 2047)]!++;
    counts[2 * BUCKETS + (l >>> 22)]!++;
    counts[3 * BUCKETS + (h & 2047)]!++;
    counts[4 * BUCKETS + ((h >>> 11) & 2047)]!++;
    counts[5 * BUCKETS + (h >>> 22)]!++;
  }
  let loOut = new Uint32Array(n);
  let hiOut = new Uint32Array(n);
  const positions = new Uint32Array(BUCKETS);
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * BUCKETS;
    const shift = SHIFTS[pass]!;
    const mask = (1 << WIDTHS[pass]!) - 1;
    const keys = pass < 3 ? lo : hi;
    // Every key has the same digit: this pass would not move anything.
    if (counts[base + ((keys[0]! >>> shift) & mask)] === n) continue;
    let running = 0;
    for (let d = 0; d < BUCKETS; d++) {
      positions[d] = running;
      running += counts[base + d]!;
    }
    for (let i = 0; i < n; i++) {
      const pos = positions[(keys[i]! >>> shift) & mask]!++;
      loOut[pos] = lo[i]!;
      hiOut[pos] = hi[i]!;
    }
    [lo, loOut] = [loOut, lo];
    [hi, hiOut] = [hiOut, hi];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i]!;
    if (h >>> 31) {
      words[2 * i] = lo[i]!;
      words[2 * i + 1] = h & 0x7fffffff;
    } else {
      words[2 * i] = ~lo[i]! >>> 0;
      words[2 * i + 1] = ~h >>> 0;
    }
  }
  return values;
}
