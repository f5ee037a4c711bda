import type { ApiError } from '../api/api-error';
import { Link } from '../router/link';
import type { ConnectionStatus } from './connection-controller';

interface EditorNoticeProps {
  status: ConnectionStatus;
  loadError: ApiError | null;
  readOnly?: boolean;
  /** The connection's own explanation, for the states that have one (too large, refused). */
  detail?: string | null;
  /** Reconnect after a refusal (the user removed text, or wants to try). */
  onRetry?: () => void;
  /** After a refusal: drop this device's unsynced changes and start again from the server's text. */
  onDiscard?: () => void;
}

/** The one line that explains why the editor is not (or no longer) a normal editor. */
export function EditorNotice({ status, loadError, readOnly, detail, onRetry, onDiscard }: EditorNoticeProps) {
  if (status === 'too-large' || status === 'refused') {
    return (
      <div className="notice notice-error banner" role="alert">
        {detail}{' '}
        {onRetry && (
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        )}{' '}
        {onDiscard && (
          <button type="button" onClick={onDiscard}>
            Discard unsynced changes…
          </button>
        )}
      </div>
    );
  }
  let text: string | null = null;
  if (status === 'forbidden' || loadError?.status === 403) text = 'You no longer have access to this document.';
  else if (status === 'not-found' || loadError?.status === 404) text = 'This document was deleted or does not exist.';
  else if (loadError?.isNetwork) text = 'You are offline and this document has not been opened on this device before.';
  else if (loadError) text = loadError.message;
  else if (readOnly) text = 'You are a viewer: you see every edit live but cannot type.';
  if (!text) return null;
  const serious = status === 'forbidden' || status === 'not-found' || loadError !== null;
  return (
    <div className={serious ? 'notice notice-error banner' : 'notice banner'} role={serious ? 'alert' : 'note'}>
      {text} {serious && <Link href="/">Back to documents</Link>}
    </div>
  );
}
