import { useState, type ReactNode } from 'react';
import { SignOutDialog } from '../account/sign-out-dialog';
import { Link } from '../router/link';
import { signOut, useSession } from './services';

/** The bar at the top of every signed-in page. */
export function AppHeader({ children }: { children?: ReactNode }) {
  const session = useSession();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <header className="app-header">
      <Link href="/" className="brand" aria-label="CodeSync: all documents">
        <span className="brand-mark" aria-hidden="true">
          {'</>'}
        </span>
        <span className="brand-name">CodeSync</span>
      </Link>
      <div className="app-header-main">{children}</div>
      {session && (
        <div className="account">
          <Link href="/account" className="account-name" title={`${session.user.email}: account settings`}>
            {session.user.name}
          </Link>
          <button type="button" className="ghost" onClick={() => setSigningOut(true)}>
            Sign out
          </button>
        </div>
      )}
      {session && signingOut && (
        <SignOutDialog
          userId={session.user.id}
          onSignOut={(removeOfflineCopies) => signOut({ removeOfflineCopies })}
          onClose={() => setSigningOut(false)}
        />
      )}
    </header>
  );
}
