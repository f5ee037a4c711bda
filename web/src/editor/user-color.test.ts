import { describe, expect, it } from 'vitest';
import { colorForUser, distinctColor } from './user-color';

describe('user colours', () => {
  it('gives a user the same colour every time', () => {
    expect(colorForUser('user-1')).toBe(colorForUser('user-1'));
  });

  it('keeps the own colour when nobody earlier has it', () => {
    const own = colorForUser('bob');
    expect(distinctColor({ clientId: 5, userId: 'bob' }, [{ clientId: 9, userId: 'ada', color: own }])).toBe(own);
  });

  it('yields to someone who was there first, picking a colour nobody has', () => {
    const taken = colorForUser('bob');
    const others = [
      { clientId: 1, userId: 'ada', color: taken },
      { clientId: 2, userId: 'cy', color: '#e5484d' },
    ];
    const chosen = distinctColor({ clientId: 7, userId: 'bob' }, others);
    expect(chosen).not.toBe(taken);
    expect(chosen).not.toBe('#e5484d');
  });

  it('lets one person keep one colour in every tab', () => {
    const own = colorForUser('ada');
    expect(distinctColor({ clientId: 7, userId: 'ada' }, [{ clientId: 1, userId: 'ada', color: own }])).toBe(own);
  });
});
