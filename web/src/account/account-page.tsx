import { useState, type FormEvent } from 'react';
import { AppHeader } from '../app/app-header';
import { api, forgetAccount, useSession } from '../app/services';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { FormError } from '../ui/form-error';
import { useSubmit } from '../ui/use-submit';

/** What a form field holds, by name. */
const field = (event: FormEvent<HTMLFormElement>, name: string) => String(new FormData(event.currentTarget).get(name) ?? '');

function ChangePassword() {
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit(async (current: string, next: string) => {
    await api.changePassword(current, next);
    setDone(true);
  });
  return (
    <form
      className="account-section"
      aria-labelledby="password-title"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        void run(field(event, 'current'), field(event, 'next')).then((ok) => ok && form.reset());
      }}
    >
      <h2 id="password-title">Change password</h2>
      <label>
        Current password
        <input name="current" type="password" autoComplete="current-password" required />
      </label>
      <label>
        New password
        <input name="next" type="password" autoComplete="new-password" minLength={8} required />
      </label>
      <FormError error={error} />
      {done && <p role="status">Password changed. Your other devices are signed out.</p>}
      <button type="submit" className="primary" disabled={busy}>
        Change password
      </button>
    </form>
  );
}

function SignOutEverywhere() {
  const [asking, setAsking] = useState(false);
  return (
    <section className="account-section" aria-labelledby="everywhere-title">
      <h2 id="everywhere-title">Sign out everywhere</h2>
      <p>Ends every session of this account, on every device, this one included.</p>
      <button type="button" onClick={() => setAsking(true)}>
        Sign out everywhere
      </button>
      {asking && (
        <ConfirmDialog
          title="Sign out everywhere"
          message="Every device signed in to this account is signed out now, this one included."
          confirmLabel="Sign out everywhere"
          onConfirm={async () => {
            await api.logoutEverywhere();
            await forgetAccount();
          }}
          onClose={() => setAsking(false)}
        />
      )}
    </section>
  );
}

function DeleteAccount() {
  const [password, setPassword] = useState<string | null>(null);
  const { error, run } = useSubmit(async (confirmed: string) => {
    await api.deleteAccount(confirmed);
    await forgetAccount();
  });
  return (
    <form
      className="account-section"
      aria-labelledby="delete-title"
      onSubmit={(event) => {
        event.preventDefault();
        setPassword(field(event, 'password'));
      }}
    >
      <h2 id="delete-title">Delete account</h2>
      <p>Your projects and documents are deleted for everyone; you leave what others shared with you.</p>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <FormError error={error} />
      <button type="submit" className="danger">
        Delete account…
      </button>
      {password !== null && (
        <ConfirmDialog
          title="Delete account"
          message="This cannot be undone: your projects and documents are deleted, with their history."
          confirmLabel="Delete my account"
          danger
          onConfirm={async () => {
            if (!(await run(password))) throw new Error(error ?? 'Could not delete the account');
          }}
          onClose={() => setPassword(null)}
        />
      )}
    </form>
  );
}

/** `/account`: the signed-in user's password, sessions and the account itself. */
export function AccountPage() {
  const session = useSession();
  return (
    <>
      <AppHeader />
      <main className="account-page">
        <h1>Account</h1>
        <p>
          {session?.user.name} · {session?.user.email}
        </p>
        <ChangePassword />
        <SignOutEverywhere />
        <DeleteAccount />
      </main>
    </>
  );
}
