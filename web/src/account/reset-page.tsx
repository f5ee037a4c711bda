import { useState } from 'react';
import { api } from '../app/services';
import { Link } from '../router/link';
import { FormError } from '../ui/form-error';
import { useSubmit } from '../ui/use-submit';

/** The token of a reset link `/reset#token=…` (a fragment: never sent to a server or logged). */
export function resetTokenOf(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token');
}

/** `/reset#token=…`: completes a link made by `pnpm admin reset-link <email>`. */
export function ResetPage() {
  const [token] = useState(() => resetTokenOf(window.location.hash));
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit(async (password: string) => {
    await api.resetPassword(token ?? '', password);
    setDone(true);
  });
  return (
    <main className="auth-page">
      <form
        className="auth-card"
        aria-labelledby="reset-title"
        onSubmit={(event) => {
          event.preventDefault();
          void run(String(new FormData(event.currentTarget).get('password') ?? ''));
        }}
      >
        <h1 id="reset-title">Choose a new password</h1>
        {!token && <p className="form-error">This link has no token; ask whoever runs CodeSync for a new one.</p>}
        {done ? (
          <p role="status">
            Password set; every device was signed out. <Link href="/signin">Sign in</Link>
          </p>
        ) : (
          <>
            <label>
              New password
              <input name="password" type="password" autoComplete="new-password" minLength={8} required />
            </label>
            <FormError error={error} />
            <button type="submit" className="primary" disabled={busy || !token}>
              Set password
            </button>
          </>
        )}
      </form>
    </main>
  );
}
