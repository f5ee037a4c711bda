import type { PresentPerson } from './project-session';
import type { Follow } from './use-follow';
import './people-panel.css';

/** "src/app.ts:42": where a person is, by their cursor line (else their first visible line). */
export function placeOf(person: PresentPerson): string | null {
  if (!person.file) return null;
  const line = person.line ?? (person.viewport ? person.viewport.start + 1 : null);
  return line === null ? person.file : `${person.file}:${line}`;
}

const listOf = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

interface PeoplePanelProps {
  people: PresentPerson[];
  /** This tab's own client id on the project socket. */
  selfId: number | null;
  follow: Follow;
}

/**
 * Who else is in the project and where ("Ada — src/app.ts:42"): click the
 * place to jump there once, or Follow to go wherever they go.
 */
export function PeoplePanel({ people, selfId, follow }: PeoplePanelProps) {
  const followers = people.filter((p) => selfId !== null && p.following === selfId).map((p) => p.name);
  const followed = follow.target?.mode === 'follow' ? people.find((p) => p.clientId === follow.target?.clientId) : undefined;
  return (
    <section className="people-panel" aria-label="People in this project">
      <h2>People here</h2>
      {followed && (
        <p className="follow-banner" role="status" style={{ borderColor: followed.color }}>
          {`Following ${followed.name}. Type, scroll or press Esc to stop.`}
        </p>
      )}
      {followers.length > 0 && (
        <p className="followers" role="status">
          {`${listOf(followers)} ${followers.length === 1 ? 'is' : 'are'} following you`}
        </p>
      )}
      {people.length === 0 && <p className="empty">Nobody else is here.</p>}
      <ul className="people-list">
        {people.map((person) => {
          const place = placeOf(person);
          const following = follow.target?.mode === 'follow' && follow.target.clientId === person.clientId;
          return (
            <li key={person.clientId} className="people-row">
              <span className="presence-dot" style={{ background: person.color }} aria-hidden="true" />
              <button
                type="button"
                className="ghost people-place"
                disabled={!place}
                aria-label={place ? `Jump to ${person.name} in ${place}` : `${person.name} has no file open`}
                onClick={() => follow.jump(person.clientId)}
              >
                {person.name} — {place ?? 'no file open'}
              </button>
              <button type="button" aria-pressed={following} onClick={() => follow.toggle(person.clientId)}>
                {following ? `Stop following ${person.name}` : `Follow ${person.name}`}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
