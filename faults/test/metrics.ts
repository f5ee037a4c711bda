function valueIn(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && l.includes(labels));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/**
 * Samples of one scrape of a Prometheus text exposition (one scrape for all:
 * the event-loop histogram restarts at every scrape): for each name, the
 * value of its first line (with `labels` among its labels), or 0 if absent.
 */
export async function metricValues(url: string, names: string[], labels = ''): Promise<number[]> {
  const text = await (await fetch(url)).text();
  return names.map((name) => valueIn(text, name, labels));
}

export async function metricValue(url: string, name: string, labels = ''): Promise<number> {
  const [value = 0] = await metricValues(url, [name], labels);
  return value;
}
