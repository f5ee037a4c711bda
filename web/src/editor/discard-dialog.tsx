import { ConfirmDialog } from '../ui/confirm-dialog';
import type { CollabSession } from './collab-session';

/** Asks before dropping this device's unsynced changes after the server refused them. */
export function DiscardDialog({ session, onClose }: { session: CollabSession; onClose: () => void }) {
  return (
    <ConfirmDialog
      title="Discard unsynced changes?"
      message="The server refused changes made on this device, so they can never sync. Discarding them reloads the document with the server's text. Download your copy first if you need any of it."
      confirmLabel="Discard and reload"
      danger
      onConfirm={async () => {
        await session.discardLocalCopy();
        window.location.reload();
      }}
      onClose={onClose}
    />
  );
}
