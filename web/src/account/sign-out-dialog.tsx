import { useEffect, useState } from 'react';
import { FormError } from '../ui/form-error';
import { Modal } from '../ui/modal';
import { useSubmit } from '../ui/use-submit';
import { findOfflineCopies, type OfflineCopies } from './offline-copies';

interface SignOutDialogProps {
  userId: string;
  onSignOut: (removeOfflineCopies: boolean) => Promise<void>;
  onClose: () => void;
}

/**
 * Sign-out on a shared browser: this browser's offline copies are removed by default,
 * unless some hold edits the server has not confirmed; then the user is warned and
 * keeps them unless they choose otherwise.
 */
export function SignOutDialog({ userId, onSignOut, onClose }: SignOutDialogProps) {
  const [copies, setCopies] = useState<OfflineCopies | null>(null);
  const [remove, setRemove] = useState(true);
  const { busy, error, run } = useSubmit(() => onSignOut(remove && (copies?.names.length ?? 0) > 0));

  useEffect(() => {
    void findOfflineCopies(userId).then((found) => {
      setCopies(found);
      setRemove(found.unsynced === 0);
    });
  }, [userId]);

  return (
    <Modal title="Sign out" onClose={onClose}>
      {copies && copies.names.length > 0 && (
        <label className="checkbox-row">
          <input type="checkbox" checked={remove} onChange={(event) => setRemove(event.target.checked)} />
          Remove this browser&apos;s offline copies ({copies.names.length} {copies.names.length === 1 ? 'document' : 'documents'})
        </label>
      )}
      {copies && copies.unsynced > 0 && (
        <p className="notice warning" role="alert">
          {copies.unsynced} {copies.unsynced === 1 ? 'document has' : 'documents have'} edits not yet on the server.
          Removing the offline copies loses them; keep them to send them next time you sign in here.
        </p>
      )}
      {copies?.unknown && <p className="notice">This browser cannot list its offline copies; they stay.</p>}
      <FormError error={error} />
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy || copies === null} onClick={() => void run()} autoFocus>
          Sign out
        </button>
      </div>
    </Modal>
  );
}
