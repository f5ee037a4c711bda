import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { presences, type PresenceUser } from './remote-presence';

interface Present extends PresenceUser {
  self: boolean;
}

function present(awareness: Awareness): Present[] {
  const byUser = new Map<string, Present>();
  presences(awareness.getStates()).forEach(({ user }, clientId) => {
    const self = clientId === awareness.clientID;
    // One entry per person, however many tabs they have open.
    if (!byUser.has(user.id) || self) byUser.set(user.id, { ...user, self });
  });
  return [...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

/** Who has this document open right now, in their cursor colours. */
export function PresenceList({ awareness }: { awareness: Awareness }) {
  const [people, setPeople] = useState<Present[]>(() => present(awareness));
  useEffect(() => {
    const update = (): void => setPeople(present(awareness));
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [awareness]);

  return (
    <ul className="presence" aria-label="People here">
      {people.map((person) => (
        <li
          key={person.id}
          className="presence-person"
          style={{ backgroundColor: person.color }}
          title={person.self ? `${person.name} (you)` : person.name}
        >
          <span aria-hidden="true">{initials(person.name)}</span>
          <span className="visually-hidden">{person.self ? `${person.name} (you)` : person.name}</span>
        </li>
      ))}
    </ul>
  );
}
