import { useEffect, useState } from 'react';
import type { ProjectDto } from '@codesync/protocol';
import { ApiError } from '../api/api-error';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';
import { Link } from '../router/link';
import { navigate, projectPath } from '../router/router';

type Outcome = { kind: 'joining' } | { kind: 'revoked' } | { kind: 'expired' } | { kind: 'failed'; message: string };

/** What a person reads when a link does not work: the status decides, never the server's wording. */
function outcomeOf(cause: unknown): Outcome {
  if (cause instanceof ApiError && cause.status === 404) return { kind: 'revoked' };
  if (cause instanceof ApiError && cause.status === 410) return { kind: 'expired' };
  return { kind: 'failed', message: errorMessage(cause) };
}

/**
 * `/invite/:token`, signed in: accepts the invite (the token in the body of the
 * request, never a path) and opens the project, replacing this address so the
 * token does not stay in the history.
 */
export function InvitePage({ token }: { token: string }) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'joining' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setOutcome({ kind: 'joining' });
    api.acceptInvite(token).then(
      (project: ProjectDto) => current && navigate(projectPath(project.id), { replace: true }),
      (cause: unknown) => current && setOutcome(outcomeOf(cause)),
    );
    return () => {
      current = false;
    };
  }, [token, attempt]);

  return (
    <main className="auth-page">
      <div className="auth-card" aria-live="polite">
        {outcome.kind === 'joining' && <h1>Joining the project…</h1>}
        {outcome.kind === 'revoked' && (
          <>
            <h1>This invite link is no longer valid</h1>
            <p>It was revoked, or it was never a CodeSync invite. Ask the person who sent it for a new link.</p>
          </>
        )}
        {outcome.kind === 'expired' && (
          <>
            <h1>This invite link has expired</h1>
            <p>Invite links work for a limited time. Ask the person who sent it for a new one.</p>
          </>
        )}
        {outcome.kind === 'failed' && (
          <>
            <h1>Could not join the project</h1>
            <p role="alert">{outcome.message}</p>
            <button type="button" className="primary" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </>
        )}
        <Link href="/">Go to your documents</Link>
      </div>
    </main>
  );
}
