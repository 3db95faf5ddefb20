// biome-ignore-all lint/style/noNonNullAssertion: the generator indexes its own fixed-size typed arrays
/**
 * Seeded random numbers for the bootstrap: xoshiro128** 1.1 (Blackman & Vigna, 2018), 32-bit operations only
 * so it is fast in JavaScript, with exact samplers for the distributions the bootstrap draws from (uniform
 * doubles, normals, binomials, multinomials).
 *
 * Streams: `new SeededRandom(seed, stream, index)` is a generator whose state depends only on those three
 * integers, so a resample numbered `index` draws the same numbers whichever thread, chunk or order computes it.
 */
import { logGamma } from './special';

// Module-level aliases: global lookups are slow in hot loops under jest's vm sandbox.
const { abs, cos, exp, floor, imul, log, min, PI, sin, sqrt } = Math;
const isNaNNumber = Number.isNaN;

/** MurmurHash3's 32-bit finalizer: every input bit affects every output bit. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const TWO_POW_53 = 9007199254740992;

export class SeededRandom {
  // Typed arrays, not fields: V8 boxes integers beyond 31 bits held in fields, one allocation per draw.
  private readonly state = new Int32Array(4);
  /** The second normal of the last Box-Muller pair, NaN when used. */
  private readonly spare = new Float64Array([Number.NaN]);

  /** seed, stream and index are taken as unsigned 32-bit integers. */
  constructor(seed: number, stream = 0, index = 0) {
    // Each state word hashes all three inputs with a different golden-ratio offset (SplitMix-style), so
    // neighbouring indexes give unrelated states and the state is never all zero in practice.
    let h = mix32(seed + 0x9e3779b9);
    h = mix32(h ^ (stream + 0x3c6ef372));
    h = mix32(h ^ (index + 0xdaa66d2b));
    const state = this.state;
    state[0] = mix32(h + 0x9e3779b9);
    state[1] = mix32(h + 0x3c6ef372);
    state[2] = mix32(h + 0xdaa66d2b);
    state[3] = mix32(h + 0x78dde6e4);
    if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
  }

  /** The next 32 random bits, as an unsigned integer. */
  nextUint32(): number {
    const state = this.state;
    const s0 = state[0]!;
    const s1 = state[1]!;
    const s2 = state[2]! ^ s0;
    const s3 = state[3]! ^ s1;
    const x = imul(s1, 5);
    const result = imul((x << 7) | (x >>> 25), 9);
    state[0] = s0 ^ s3;
    state[1] = s1 ^ s2;
    state[2] = s2 ^ (s1 << 9);
    state[3] = (s3 << 11) | (s3 >>> 21);
    return result >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / TWO_POW_53;
  }

  /**
   * A uniform integer in [0, bound), bound <= 2^32, without bias: Lemire's multiply-and-reject
   * ("Fast random integer generation in an interval", 2019) while bound * 2^32 is exact in a double
   * (bound < 2^21); above, the 53-bit product, whose bias is below bound / 2^53.
   */
  nextIndex(bound: number): number {
    if (bound >= 2097152) return floor(this.nextDouble() * bound);
    for (;;) {
      const product = this.nextUint32() * bound; // < 2^53: exact
      const high = floor(product * 2.3283064365386963e-10); // / 2^32, exact
      const low = product - high * 4294967296;
      if (low >= bound || low >= (4294967296 - bound) % bound) return high;
    }
  }

  /** A standard normal: Box-Muller, the second of each pair kept for the next call. */
  nextNormal(): number {
    const spare = this.spare[0]!;
    if (!isNaNNumber(spare)) {
      this.spare[0] = Number.NaN;
      return spare;
    }
    const radius = sqrt(-2 * log(1 - this.nextDouble())); // 1 - u in (0, 1]: the logarithm stays finite
    const angle = 2 * PI * this.nextDouble();
    this.spare[0] = radius * sin(angle);
    return radius * cos(angle);
  }

  /**
   * Binomial(n, p), exact: inversion when n * min(p, 1-p) < 10, otherwise Hörmann's BTRS transformed
   * rejection (W. Hörmann, "The generation of binomial random variates", J. Stat. Comput. Simul. 46, 1993),
   * the algorithm TensorFlow and JAX use.
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (n * p < 10) return this.binomialInversion(n, p);
    return this.binomialBtrs(n, p);
  }

  /** numpy's random_binomial_inversion (Kachitvichyanukul & Schmeiser's BINV), for n * p < 10 and p <= 0.5. */
  private binomialInversion(n: number, p: number): number {
    const q = 1 - p;
    const qn = exp(n * log(q));
    const np = n * p;
    const bound = min(n, np + 10 * sqrt(np * q + 1));
    const s = p / q;
    const a = (n + 1) * s;
    let x = 0;
    let px = qn;
    let u = this.nextDouble();
    while (u > px) {
      x++;
      if (x > bound) {
        // Rounding left a sliver of probability past the bound: start over, as numpy does.
        x = 0;
        px = qn;
        u = this.nextDouble();
      } else {
        u -= px;
        px *= a / x - s;
      }
    }
    return x;
  }

  private binomialBtrs(n: number, p: number): number {
    const q = 1 - p;
    const spq = sqrt(n * p * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const r = p / q;
    const alpha = (2.83 + 5.1 / b) * spq;
    const m = floor((n + 1) * p);
    for (;;) {
      const u = this.nextDouble() - 0.5;
      let v = this.nextDouble();
      const us = 0.5 - abs(u);
      const k = floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k;
      v = log((v * alpha) / (a / (us * us) + b));
      const bound =
        (m + 0.5) * log((m + 1) / (r * (n - m + 1))) +
        (n + 1) * log((n - m + 1) / (n - k + 1)) +
        (k + 0.5) * log((r * (n - k + 1)) / (k + 1)) +
        stirlingTail(m) +
        stirlingTail(n - m) -
        stirlingTail(k) -
        stirlingTail(n - k);
      if (v <= bound) return k;
    }
  }

  /**
   * Multinomial(total, counts / sum(counts)) into `out`, by conditional binomials: cell j gets
   * Binomial(remaining draws, counts[j] / remaining count), which is exact. Resampling `total` rows with
   * replacement from rows grouped into cells of sizes `counts` gives exactly this distribution of cell counts.
   */
  multinomial(total: number, counts: ArrayLike<number>, out: Float64Array | Int32Array): void {
    let remainingDraws = total;
    let remainingCount = 0;
    for (let j = 0; j < counts.length; j++) remainingCount += counts[j] as number;
    for (let j = 0; j < counts.length; j++) {
      const count = counts[j] as number;
      if (remainingDraws === 0 || count === 0) {
        out[j] = 0;
        continue;
      }
      const drawn =
        count >= remainingCount ? remainingDraws : this.binomial(remainingDraws, count / remainingCount);
      out[j] = drawn;
      remainingDraws -= drawn;
      remainingCount -= count;
    }
  }
}

const LOG_SQRT_2PI = 0.5 * log(2 * PI);
/** log(k!) - [(k + 1/2) log(k + 1) - (k + 1) + log(sqrt(2 pi))] for k = 0..9; the series is exact enough above. */
const STIRLING_TAIL_TABLE = Array.from(
  { length: 10 },
  (_, k) => logGamma(k + 1) - (k + 0.5) * log(k + 1) + (k + 1) - LOG_SQRT_2PI,
);

function stirlingTail(k: number): number {
  if (k <= 9) return STIRLING_TAIL_TABLE[k] as number;
  const kp1sq = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / (k + 1);
}
