/** Distinct hues that read on both the light and the dark theme. */
export const palette = [
  '#e5484d', '#0090ff', '#30a46c', '#f76b15', '#8e4ec6', '#d6409f', '#12a594', '#ad7f58', '#3e63dd', '#978365',
];

/** A stable colour per user, so a collaborator keeps theirs across sessions and tabs. */
export function colorForUser(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length] ?? '#0090ff';
}

export interface ColorClaim {
  clientId: number;
  userId: string;
  color: string;
}

/**
 * Two people in one document must not share a colour. The user's own colour wins
 * unless someone who joined the awareness earlier (lower client id) already has it;
 * then the first colour nobody uses. The earliest client never changes, so this settles.
 */
export function distinctColor(self: Omit<ColorClaim, 'color'>, others: ColorClaim[]): string {
  const preferred = colorForUser(self.userId);
  const people = others.filter((other) => other.userId !== self.userId && other.clientId !== self.clientId);
  if (!people.some((other) => other.clientId < self.clientId && other.color === preferred)) return preferred;
  const used = new Set(people.map((other) => other.color));
  return palette.find((color) => !used.has(color)) ?? preferred;
}
