import { useCallback, useState } from 'react';
import { errorMessage } from '../app/error-message';

/**
 * The busy/error state around a submitted form or a button's action: one home
 * for what every form repeats. `run` never throws; a failure lands in `error`.
 * Resolves true when the action succeeded.
 */
export function useSubmit<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (...args: A): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await action(...args);
        return true;
      } catch (cause) {
        setError(errorMessage(cause));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { busy, error, run, setError };
}
