import { describe, expect, it } from 'vitest';
import { compareEntryIds, nextEntryId } from './document-bus.js';

const sign = (n: number) => Math.sign(n);

describe('log entry ids', () => {
  it('compare as numbers, time first, then sequence', () => {
    const ordered = ['0', '0-1', '999-5', '1000-0', '1000-2', '1000-10', '1764567890123-0', '1764567890123-1', '1764567890124-0', '17645678901230-0'];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(sign(compareEntryIds(ordered[i]!, ordered[j]!)), `${ordered[i]} vs ${ordered[j]}`).toBe(sign(i - j));
      }
    }
    expect(compareEntryIds('1000', '1000-0')).toBe(0);
  });

  it('next id is one sequence later', () => {
    expect(nextEntryId('1000-9')).toBe('1000-10');
    expect(compareEntryIds(nextEntryId('1000-9'), '1000-9')).toBeGreaterThan(0);
  });
});
