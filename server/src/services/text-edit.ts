/** One replacement turning a text into another: delete `deleteCount` at `index`, then insert `insert`. */
export interface TextEdit {
  index: number;
  deleteCount: number;
  insert: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The smallest single replacement between `from` and `to` found by trimming
 * their common prefix and suffix, in UTF-16 units (as Y.Text counts), never
 * splitting a surrogate pair. Null when the texts are equal.
 */
export function minimalEdit(from: string, to: string): TextEdit | null {
  if (from === to) return null;
  const limit = Math.min(from.length, to.length);
  let prefix = 0;
  while (prefix < limit && from.charCodeAt(prefix) === to.charCodeAt(prefix)) prefix += 1;
  if (prefix > 0 && isHighSurrogate(from.charCodeAt(prefix - 1))) prefix -= 1;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)
  ) {
    suffix += 1;
  }
  if (suffix > 0 && isLowSurrogate(from.charCodeAt(from.length - suffix))) suffix -= 1;
  return {
    index: prefix,
    deleteCount: from.length - prefix - suffix,
    insert: to.slice(prefix, to.length - suffix),
  };
}

export function applyEdit(text: string, edit: TextEdit | null): string {
  if (!edit) return text;
  return text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.deleteCount);
}
