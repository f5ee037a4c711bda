import { useCallback, useEffect, useRef } from 'react';
import type { CollabSession } from './collab-session';

/**
 * Title and language live in the API, not in the Y.Doc. After changing them a client
 * bumps `metaVersion` in its awareness state; the others see it and refetch.
 */
export function useMetaSignal(session: CollabSession | null, refetch: () => Promise<void>): () => void {
  const seen = useRef(0);
  const refetchRef = useRef(refetch);
  refetchRef.current = refetch;

  useEffect(() => {
    if (!session) return;
    const onChange = (): void => {
      let newest = seen.current;
      session.awareness.getStates().forEach((state, clientId) => {
        const version = (state as { metaVersion?: unknown }).metaVersion;
        if (clientId !== session.doc.clientID && typeof version === 'number' && version > newest) newest = version;
      });
      if (newest === seen.current) return;
      seen.current = newest;
      void refetchRef.current();
    };
    session.awareness.on('change', onChange);
    return () => session.awareness.off('change', onChange);
  }, [session]);

  return useCallback(() => {
    const version = Date.now();
    seen.current = Math.max(seen.current, version);
    session?.awareness.setLocalStateField('metaVersion', version);
  }, [session]);
}
