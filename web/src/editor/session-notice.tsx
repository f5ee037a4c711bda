import { useState } from 'react';
import type { CollabSession } from './collab-session';
import type { ConnectionState } from './connection-controller';
import { DiscardDialog } from './discard-dialog';
import { EditorNotice } from './editor-notice';

interface SessionNoticeProps {
  session: CollabSession | null;
  connection: ConnectionState;
  readOnly: boolean;
}

/** The editor's notice for an open session, with Try again and Discard after a refusal. */
export function SessionNotice({ session, connection, readOnly }: SessionNoticeProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <EditorNotice
        status={connection.status}
        loadError={null}
        readOnly={readOnly}
        detail={connection.detail}
        onRetry={session?.controller.retry}
        onDiscard={session ? () => setConfirming(true) : undefined}
      />
      {confirming && session && <DiscardDialog session={session} onClose={() => setConfirming(false)} />}
    </>
  );
}
