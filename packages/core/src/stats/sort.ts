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

/**
 * The row order that sorts values in [0, 1] (no NaN) ascending, with the sorted 64-bit keys (high and low
 * words): equal values (-0 and +0 too) have equal keys and are adjacent in an unspecified order. Non-negative
 * doubles order as their IEEE-754 bit patterns do (-0 is keyed as +0). An LSD radix sort on the top 48 bits
 * (four 12-bit digits, a pass skipped when every key has the same digit), then runs that share those 48 bits
 * (rare: values within a relative 2^-36) are put in order by the low 16 bits. Several times faster than sorting
 * indexes with a comparator.
 */
export function sortOrderUnitInterval(values: Float64Array): {
  order: Uint32Array;
  hi: Uint32Array;
  lo: Uint32Array;
} {
  const n = values.length;
  // Read in place: a Float64Array's offset is a multiple of 8.
  const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let order = new Uint32Array(n);
  const counts = new Uint32Array(4 * 4096);
  for (let i = 0; i < n; i++) {
    // Little-endian: the low word first. A set sign bit can only be -0 here.
    const h = bits[2 * i + 1]!;
    const negativeZero = h >>> 31;
    const l = negativeZero ? 0 : bits[2 * i]!;
    const hk = negativeZero ? 0 : h;
    lo[i] = l;
    hi[i] = hk;
    order[i] = i;
    counts[(l >>> 16) & 4095]!++;
    counts[4096 + (((l >>> 28) | (hk << 4)) & 4095)]!++;
    counts[8192 + ((hk >>> 8) & 4095)]!++;
    counts[12288 + (hk >>> 20)]!++;
  }
  const digit = (pass: number, l: number, h: number) =>
    pass === 0
      ? (l >>> 16) & 4095
      : pass === 1
        ? ((l >>> 28) | (h << 4)) & 4095
        : pass === 2
          ? (h >>> 8) & 4095
          : h >>> 20;
  let loOut = new Uint32Array(n);
  let hiOut = new Uint32Array(n);
  let orderOut = new Uint32Array(n);
  const positions = new Uint32Array(4096);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 4096;
    if (counts[base + digit(pass, lo[0]!, hi[0]!)] === n) continue;
    let running = 0;
    for (let d = 0; d < 4096; d++) {
      positions[d] = running;
      running += counts[base + d]!;
    }
    for (let i = 0; i < n; i++) {
      const l = lo[i]!;
      const h = hi[i]!;
      const at = positions[digit(pass, l, h)]!++;
      loOut[at] = l;
      hiOut[at] = h;
      orderOut[at] = order[i]!;
    }
    [lo, loOut] = [loOut, lo];
    [hi, hiOut] = [hiOut, hi];
    [order, orderOut] = [orderOut, order];
  }
  // Insertion sort by the low 16 bits inside each run of equal top 48 bits.
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && hi[end] === hi[start] && lo[end]! >>> 16 === lo[start]! >>> 16) end++;
    for (let j = start + 1; j < end; j++) {
      const l = lo[j]!;
      const o = order[j]!;
      let k = j - 1;
      while (k >= start && (lo[k]! & 65535) > (l & 65535)) {
        lo[k + 1] = lo[k]!;
        order[k + 1] = order[k]!;
        k--;
      }
      lo[k + 1] = l;
      order[k + 1] = o;
    }
    start = end;
  }
  return { order, hi, lo };
}

/**
 * One model's rows grouped by distinct score, group 0 holding the lowest, with each group's rows of the positive
 * class and of the rest: what roc_auc and average_precision need (sklearn's _binary_clf_curve is its cumulative
 * sums from the top), on all rows and, reweighted, on every bootstrap resample. Made from one sort; valid for
 * exactly the arrays and positive class it was made from (`matches`).
 */
export interface ScoreRanking {
  scores: Float64Array;
  labels: Int32Array;
  positive: number;
  /** The group of each row. */
  groupOf: Int32Array;
  groups: number;
  /** Rows of the positive class, and of the others, per group. */
  positives: Float64Array;
  negatives: Float64Array;
}

/** Groups the rows by score, `scores` in [0, 1] (no NaN); -0 and +0 are one group, as np.diff sees them. */
export function rankScores(scores: Float64Array, labels: Int32Array, positive: number): ScoreRanking {
  const n = scores.length;
  const { order, hi, lo } = sortOrderUnitInterval(scores);
  const groupOf = new Int32Array(n);
  const positives = new Float64Array(n);
  const negatives = new Float64Array(n);
  let groups = 0;
  for (let j = 0; j < n; j++) {
    const row = order[j]!;
    // Equal keys are equal scores: read in sorted order, not the scores at random.
    if (j === 0 || hi[j] !== hi[j - 1] || lo[j] !== lo[j - 1]) groups++;
    groupOf[row] = groups - 1;
    if (labels[row] === positive) positives[groups - 1]!++;
    else negatives[groups - 1]!++;
  }
  return {
    scores,
    labels,
    positive,
    groupOf,
    groups,
    positives: positives.slice(0, groups),
    negatives: negatives.slice(0, groups),
  };
}

/**
 * Whether `ranking` was made from these very scores, the same labels (the same array, or another holding the
 * same classes: the baseline's labels of a paired comparison) and positive class.
 */
export function matches(
  ranking: ScoreRanking | undefined,
  scores: Float64Array,
  labels: Int32Array,
  positive: number,
): ranking is ScoreRanking {
  if (ranking?.scores !== scores || ranking.positive !== positive) return false;
  if (ranking.labels === labels) return true;
  if (ranking.labels.length !== labels.length) return false;
  for (let i = 0; i < labels.length; i++) if (ranking.labels[i] !== labels[i]) return false;
  return true;
}
