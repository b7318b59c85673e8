import { describe, expect, it } from 'vitest';
import { median, pairedRatio, pairedRatioRange, quantile, relativeIqr, roundOrder } from '../../bench/stats.ts';
import { markdownTable } from '../../bench/table.ts';

describe('bench statistics', () => {
  it('takes interpolated quantiles and medians regardless of input order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('reports the spread as the IQR relative to the median', () => {
    expect(relativeIqr([10, 10, 10, 10])).toBe(0);
    expect(relativeIqr([8, 9, 10, 11, 12])).toBeCloseTo(20);
  });

  it('pairs ratios within a round, so a slow round does not skew them', () => {
    // Round 2 is 10x slower for both contenders: the paired ratio stays 1.5.
    expect(pairedRatio([15, 150, 15], [10, 100, 10])).toBe(1.5);
  });

  it('reports a paired ratio with the quartiles of the same per-round ratios', () => {
    expect(pairedRatioRange([10, 200, 13, 140, 12], [10, 100, 10, 100, 10])).toEqual({ ratio: 1.3, p25: 1.2, p75: 1.4 });
  });

  it('rotates the contender order so each one runs first once per pass, reversed on odd passes', () => {
    const items = ['a', 'b', 'c'];
    const firsts = [0, 1, 2].map((r) => roundOrder(items, r)[0]);
    expect(new Set(firsts)).toEqual(new Set(items));
    expect(roundOrder(items, 1)).toEqual(['b', 'c', 'a']);
    expect(roundOrder(items, 4)).toEqual(['a', 'c', 'b']);
  });

  it('pads Markdown table columns to the widest cell', () => {
    expect(markdownTable(['a', 'bb'], [['ccc', 'd']])).toBe('| a   | bb |\n| --- | -- |\n| ccc | d  |');
  });
});
