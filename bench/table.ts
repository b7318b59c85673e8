// A Markdown table with padded columns: readable in a terminal and in RESULTS.md alike.
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ')} |`;
  // Separator cells as Biome formats Markdown tables, so the written RESULTS.md passes `biome check`.
  return [line(header), `|${widths.map((w) => ` ${'-'.repeat(w)} `).join('|')}|`, ...rows.map(line)].join('\n');
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString('en-US'),
  us: (n: number) => `${n.toFixed(1)} µs`,
  x: (n: number) => `${n.toFixed(3)}×`,
  kb: (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`,
  s: (ms: number) => `${(ms / 1000).toFixed(1)} s`,
  pct: (n: number) => `${n.toFixed(0)}%`,
};
