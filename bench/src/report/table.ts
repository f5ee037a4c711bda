/** Cell key for a row that has no figures: why (n/a, failed). */
export const NOTE = 'note';

export interface TableRow {
  system: string;
  cells: Record<string, string>;
}

/** A plain-text table: the system column, then every cell key in first-seen order. */
export function renderTable(title: string, rows: TableRow[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row.cells)) if (!columns.includes(key)) columns.push(key);
  // Notes (n/a, failures) go last, so a table starts with its figures.
  columns.sort((a, b) => Number(a === NOTE) - Number(b === NOTE));
  const header = ['system', ...columns];
  const body = rows.map((row) => [row.system, ...columns.map((c) => row.cells[c] ?? '')]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [`### ${title}`, '', line(header), rule, ...body.map(line)].join('\n');
}
