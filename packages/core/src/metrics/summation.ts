// biome-ignore-all lint/style/noNonNullAssertion: the kernels index typed arrays inside loop bounds
/**
 * numpy 1.24's float64 `add.reduce` (what `sum`, `mean` and `average` call), emulated operation for
 * operation so mlci's sums equal sklearn's bit for bit rather than merely closely:
 * - the reduction runs over chunks of the iterator's buffer size (8192 elements, numpy's default
 *   `np.getbufsize()`), each chunk's sum added in order to a running total that starts at 0;
 * - each chunk is summed pairwise (numpy/core/src/umath/loops_utils.h.src `pairwise_sum`): below 8
 *   elements a plain loop, up to 128 elements eight interleaved accumulators combined as a tree, and
 *   above that the halves split at a multiple of 8.
 * Checked against np.sum in the oracle tests. (Measured here: a 1-D array and sklearn's (n, 1) column
 * reduced along axis 0 give the same bits.)
 */

export const NUMPY_BUFFER_SIZE = 8192;
const PAIRWISE_BLOCK = 128;

/** numpy's pairwise_sum over values[start, start + length). */
export function pairwiseSum(values: Float64Array, start: number, length: number): number {
  if (length < 8) {
    let sum = 0;
    for (let i = start; i < start + length; i++) sum += values[i]!;
    return sum;
  }
  if (length <= PAIRWISE_BLOCK) {
    let r0 = values[start]!;
    let r1 = values[start + 1]!;
    let r2 = values[start + 2]!;
    let r3 = values[start + 3]!;
    let r4 = values[start + 4]!;
    let r5 = values[start + 5]!;
    let r6 = values[start + 6]!;
    let r7 = values[start + 7]!;
    const unrolledEnd = start + length - (length % 8);
    let i = start + 8;
    for (; i < unrolledEnd; i += 8) {
      r0 += values[i]!;
      r1 += values[i + 1]!;
      r2 += values[i + 2]!;
      r3 += values[i + 3]!;
      r4 += values[i + 4]!;
      r5 += values[i + 5]!;
      r6 += values[i + 6]!;
      r7 += values[i + 7]!;
    }
    let sum = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < start + length; i++) sum += values[i]!;
    return sum;
  }
  let half = Math.floor(length / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, length - half);
}

/** np.sum of a float64 array. */
export function numpySum(values: Float64Array): number {
  let total = 0;
  for (let start = 0; start < values.length; start += NUMPY_BUFFER_SIZE) {
    total += pairwiseSum(values, start, Math.min(NUMPY_BUFFER_SIZE, values.length - start));
  }
  return total;
}

/**
 * np.sum of a sequence produced one value at a time, without materialising it: values go to a
 * chunk buffer that is summed pairwise whenever it fills, exactly as numpy's reduction does.
 */
export class NumpySum {
  private readonly chunk = new Float64Array(NUMPY_BUFFER_SIZE);
  private filled = 0;
  private total = 0;

  add(value: number): void {
    this.chunk[this.filled++] = value;
    if (this.filled === NUMPY_BUFFER_SIZE) {
      this.total += pairwiseSum(this.chunk, 0, NUMPY_BUFFER_SIZE);
      this.filled = 0;
    }
  }

  /** The sum of everything added so far. */
  sum(): number {
    return this.filled === 0 ? this.total : this.total + pairwiseSum(this.chunk, 0, this.filled);
  }
}
