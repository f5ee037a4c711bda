import type { ReactNode } from 'react';
import { signOut, useSession } from './services';
import { Link } from '../router/link';

/** The bar at the top of every signed-in page. */
export function AppHeader({ children }: { children?: ReactNode }) {
  const session = useSession();
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
          <span className="account-name" title={session.user.email}>
            {session.user.name}
          </span>
          <button type="button" className="ghost" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      )}
    </header>
  );
}
