import { distinctEdges } from '../validate-data/profile';
import type { SliceColumn } from './predictions';

/** A numeric slice column with more distinct values than this is cut into quantile bins, not one slice a value. */
export const maxSliceValues = 10;
/** Quantile bins of a numeric slice column: quintiles, each about a fifth of the rows, enough for its metrics. */
export const sliceBins = 5;

/**
 * Quantile bins of a numeric column's finite values, as validate-data's drift histograms cut (profile.ts): edge i
 * is the element quantile_disc(x, i / k) picks, the sorted value at max(1, ceil(n i / k)) - 1; equal edges
 * collapse. Bins are [e0, e1), [e1, e2), …, [e(k-1), ek], labelled as those intervals. Missing and non-finite
 * values (NaN in `numbers`) are a slice of their own, `(null)`.
 */
export function binnedSlice(column: string, numbers: Float64Array): SliceColumn {
  const sorted = numbers.filter(Number.isFinite).sort();
  const n = sorted.length;
  const edges = distinctEdges(
    Array.from(
      { length: sliceBins + 1 },
      (_, i) => sorted[Math.max(1, Math.ceil((n * i) / sliceBins)) - 1] as number,
    ),
  );
  const bins = Math.max(1, edges.length - 1);
  const labels = intervalLabels(edges);
  const binOf = (value: number): number => {
    // The last bin is closed: its upper edge belongs to it.
    let low = 0;
    let high = bins - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (value >= (edges[middle] as number)) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const used = new Array<boolean>(bins + 1).fill(false);
  const raw = Int32Array.from(numbers, (value) => (Number.isFinite(value) ? binOf(value) : bins));
  for (const code of raw) used[code] = true;
  // Only the bins that hold rows (a one-value column has one), then (null) when some value was missing.
  const kept = [...labels, '(null)'].flatMap((label, code) => (used[code] ? [{ label, code }] : []));
  const renumber = new Map(kept.map((entry, index) => [entry.code, index]));
  return {
    column,
    values: kept.map((entry) => entry.label),
    codes: Int32Array.from(raw, (code) => renumber.get(code) as number),
  };
}

/**
 * `[a, b)` for each bin and `[a, b]` for the last, in the fewest significant digits (4 at least) that keep
 * neighbouring edges apart, so no two bins read alike.
 */
function intervalLabels(edges: readonly number[]): string[] {
  if (edges.length === 1) return [`[${edges[0]}, ${edges[0]}]`];
  let digits = 4;
  const text = (value: number) => String(Number(value.toPrecision(digits)));
  while (digits < 17 && new Set(edges.map(text)).size < edges.length) digits++;
  return edges.slice(1).map((upper, i) => {
    const last = i === edges.length - 2;
    return `[${text(edges[i] as number)}, ${text(upper)}${last ? ']' : ')'}`;
  });
}
