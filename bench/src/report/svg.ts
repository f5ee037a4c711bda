export interface BarGroup {
  label: string;
  /** One value per series; null where the system has no figure. */
  values: (number | null)[];
}

const COLORS = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed'];

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function figure(value: number): string {
  if (value >= 10_000) return `${(value / 1000).toFixed(0)}k`;
  if (value >= 100) return value.toFixed(0);
  return value.toPrecision(3);
}

/** A grouped horizontal bar chart (one group per system), self-contained SVG. */
export function barChart(title: string, series: { label: string; unit: string }[], groups: BarGroup[]): string {
  const labelWidth = 260;
  const plotWidth = 420;
  const barHeight = 14;
  const groupHeight = series.length * (barHeight + 2) + 12;
  const top = 40 + series.length * 16;
  const height = top + groups.length * groupHeight + 10;
  const max = Math.max(1e-9, ...groups.flatMap((g) => g.values.filter((v): v is number => v !== null)));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + plotWidth + 90}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="20" font-size="14" font-weight="bold">${escape(title)}</text>`,
  ];
  series.forEach((s, i) => {
    const y = 36 + i * 16;
    parts.push(`<rect x="8" y="${y - 10}" width="10" height="10" fill="${COLORS[i % COLORS.length]}"/>`);
    parts.push(`<text x="24" y="${y}">${escape(`${s.label} (${s.unit})`)}</text>`);
  });
  groups.forEach((group, g) => {
    const y0 = top + g * groupHeight;
    parts.push(`<text x="${labelWidth - 6}" y="${y0 + groupHeight / 2}" text-anchor="end">${escape(group.label)}</text>`);
    group.values.forEach((value, i) => {
      const y = y0 + i * (barHeight + 2);
      if (value === null) {
        parts.push(`<text x="${labelWidth + 4}" y="${y + barHeight - 3}" fill="#888">n/a</text>`);
        return;
      }
      const width = Math.max(1, (value / max) * plotWidth);
      parts.push(`<rect x="${labelWidth}" y="${y}" width="${width.toFixed(1)}" height="${barHeight}" fill="${COLORS[i % COLORS.length]}"/>`);
      parts.push(`<text x="${(labelWidth + width + 4).toFixed(1)}" y="${y + barHeight - 3}">${figure(value)}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}
