import { useCallback, useEffect, useState } from 'react';
import type { SearchInput } from './use-project-search';

const EMPTY: SearchInput = { query: '', regex: false, caseSensitive: false, wholeWord: false };

/**
 * The find-in-files panel's state on the project page: open with Ctrl/Cmd+Shift+F
 * (which focuses the field again when already open); the query survives closing;
 * results are searched again when the tree changes or the user asks.
 */
export function useFindPanel(treeVersion: number) {
  const [open, setOpen] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [input, setInput] = useState<SearchInput>(EMPTY);
  const [refreshes, setRefreshes] = useState(0);
  const show = useCallback(() => {
    setOpen(true);
    setFocusKey((key) => key + 1);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        show();
      }
    };
    // Capture: Monaco would otherwise take the keys while it has focus.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [show]);

  return {
    open,
    show,
    props: {
      input,
      onInput: setInput,
      // Both only grow, so their sum changes whenever either does.
      generation: Math.max(treeVersion, 0) + refreshes,
      onRefresh: () => setRefreshes((n) => n + 1),
      focusKey,
      onClose: () => setOpen(false),
    },
  };
}
