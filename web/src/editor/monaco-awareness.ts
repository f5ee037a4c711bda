import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { indexInText, readPresence } from './remote-presence';
import { throttleLatest } from './selection-throttle';

/** The members of Awareness that y-monaco's MonacoBinding uses. */
type BindingAwareness = Pick<Awareness, 'clientID' | 'getLocalState' | 'setLocalStateField' | 'on' | 'off' | 'getStates'>;

/**
 * y-monaco decodes every remote `selection` it finds in the awareness, unchecked, inside
 * the provider's message handler: `{anchor: {}, head: {}}` from one peer throws there on
 * every other client. It gets this view instead, whose remote states hold only a
 * selection both of whose ends point into the shared text. Its own selection goes out
 * throttled (selection-throttle.ts).
 */
export function awarenessForBinding(awareness: Awareness, text: Y.Text): Awareness {
  const sendSelection = throttleLatest((selection: unknown) => awareness.setLocalStateField('selection', selection));
  const view: BindingAwareness = {
    clientID: awareness.clientID,
    getLocalState: () => awareness.getLocalState(),
    setLocalStateField: (field, value) => (field === 'selection' ? sendSelection(value) : awareness.setLocalStateField(field, value)),
    on: (name, handler) => awareness.on(name, handler),
    off: (name, handler) => awareness.off(name, handler),
    getStates() {
      const safe = new Map<number, Record<string, unknown>>();
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return void safe.set(clientId, state);
        const selection = readPresence(state)?.selection;
        if (selection && indexInText(selection.anchor, text) !== null && indexInText(selection.head, text) !== null) {
          safe.set(clientId, { selection });
        }
      });
      return safe;
    },
  };
  // MonacoBinding is typed to take the whole Awareness but calls only the members above.
  return view as Awareness;
}
