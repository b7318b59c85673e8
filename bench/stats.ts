// Order statistics for the bench: medians and spreads of per-round figures.
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Interquartile range relative to the median, in percent: the spread we report. */
export function relativeIqr(values: readonly number[]): number {
  return ((quantile(values, 0.75) - quantile(values, 0.25)) / median(values)) * 100;
}

/** Median of the paired ratios a[i] / b[i] (each pair measured in the same round). */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x / b[i]!));
}

export interface RatioRange {
  readonly ratio: number;
  readonly p25: number;
  readonly p75: number;
}

/** pairedRatio with the p25 and p75 of the same per-round ratios: the spread every ratio is reported with. */
export function pairedRatioRange(a: readonly number[], b: readonly number[]): RatioRange {
  const ratios = a.map((x, i) => x / b[i]!);
  return { ratio: median(ratios), p25: quantile(ratios, 0.25), p75: quantile(ratios, 0.75) };
}

/** Rotates a list so round r starts at element r, reversing every other round: no contender always runs first or last. */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  const k = round % items.length;
  const rotated = [...items.slice(k), ...items.slice(0, k)];
  return Math.floor(round / items.length) % 2 === 1 ? rotated.reverse() : rotated;
}
