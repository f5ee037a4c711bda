import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PeoplePanel } from './people-panel';
import type { PresentPerson } from './project-session';
import type { Follow } from './use-follow';

afterEach(cleanup);

const person = (over: Partial<PresentPerson>): PresentPerson => ({
  clientId: 1, name: 'Ada', color: '#f00', file: null, viewport: null, line: null, following: null, ...over,
});

function follow(target: Follow['target'] = null): Follow {
  return { target, toggle: vi.fn(), jump: vi.fn(), stop: vi.fn() };
}

describe('PeoplePanel', () => {
  it('says where each person is, by cursor line, else first visible line', () => {
    const people = [
      person({ clientId: 1, name: 'Ada', file: 'src/app.ts', line: 42, viewport: { start: 30, end: 70 } }),
      person({ clientId: 2, name: 'Bob', file: 'b.ts', viewport: { start: 9, end: 40 } }),
      person({ clientId: 3, name: 'Cy' }),
    ];
    render(<PeoplePanel people={people} selfId={9} follow={follow()} />);
    expect(screen.getByRole('button', { name: 'Jump to Ada in src/app.ts:42' }).textContent).toBe('Ada — src/app.ts:42');
    expect(screen.getByRole('button', { name: 'Jump to Bob in b.ts:10' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Cy has no file open' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('jumps on the place, follows on Follow, and shows whom you follow', () => {
    const f = follow();
    const { rerender } = render(<PeoplePanel people={[person({ file: 'a.ts', line: 3 })]} selfId={9} follow={f} />);
    fireEvent.click(screen.getByRole('button', { name: 'Jump to Ada in a.ts:3' }));
    expect(f.jump).toHaveBeenCalledWith(1);
    fireEvent.click(screen.getByRole('button', { name: 'Follow Ada' }));
    expect(f.toggle).toHaveBeenCalledWith(1);
    rerender(<PeoplePanel people={[person({ file: 'a.ts', line: 3 })]} selfId={9} follow={follow({ clientId: 1, mode: 'follow' })} />);
    expect(screen.getByRole('button', { name: 'Stop following Ada' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('Following Ada. Type, scroll or press Esc to stop.')).toBeTruthy();
  });

  it('the followed person sees who follows them', () => {
    const people = [person({ clientId: 1, name: 'Bob', following: 9 }), person({ clientId: 2, name: 'Cy', following: 9 }), person({ clientId: 3, name: 'Di', following: 1 })];
    render(<PeoplePanel people={people} selfId={9} follow={follow()} />);
    expect(screen.getByText('Bob and Cy are following you')).toBeTruthy();
  });
});
