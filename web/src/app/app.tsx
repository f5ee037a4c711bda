import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { ResetPage } from '../account/reset-page';
import { AuthPage } from '../auth/auth-page';
import { INVITE_SIGN_IN_NOTICE } from '../invite/invite-notice';
import { Link } from '../router/link';
import { navigate, parseRoute, useLocationPath } from '../router/router';
import { takeSignOutIntent, useSession } from './services';

// Pages behind sign-in are chunks of their own: the sign-in page stays small, and
// Monaco and Yjs load only when a document is opened.
const DocumentsPage = lazy(() => import('../documents/documents-page').then((m) => ({ default: m.DocumentsPage })));
const ProjectPage = lazy(() => import('../project/project-page').then((m) => ({ default: m.ProjectPage })));
const AccountPage = lazy(() => import('../account/account-page').then((m) => ({ default: m.AccountPage })));
const InvitePage = lazy(() => import('../invite/invite-page').then((m) => ({ default: m.InvitePage })));
const EditorPage = lazy(() => import('../editor/editor-page').then((m) => ({ default: m.EditorPage })));

/** Remembers why the user is on the sign-in page: a session that ended under them. */
function useEndedSessionNotice(signedIn: boolean): string | null {
  const [notice, setNotice] = useState<string | null>(null);
  const previous = useRef(signedIn);
  useEffect(() => {
    if (previous.current && !signedIn && !takeSignOutIntent()) {
      setNotice('Your session ended. Sign in again to carry on; edits made on this device are kept.');
    }
    if (signedIn) setNotice(null);
    previous.current = signedIn;
  }, [signedIn]);
  return notice;
}

export function App() {
  const path = useLocationPath();
  const session = useSession();
  const route = parseRoute(path);
  const notice = useEndedSessionNotice(session !== null);

  useEffect(() => {
    if (session && (route.page === 'sign-in' || route.page === 'sign-up')) navigate(route.next ?? '/', { replace: true });
  }, [session, route]);

  if (route.page === 'reset') return <ResetPage />;
  if (!session || route.page === 'sign-in' || route.page === 'sign-up') {
    // Someone opening an invite link signed out is most likely new: sign up first.
    const mode = route.page === 'sign-up' || route.page === 'invite' ? 'sign-up' : 'sign-in';
    const next = route.page === 'sign-in' || route.page === 'sign-up' ? route.next : path === '/' ? null : path;
    return <AuthPage mode={mode} next={next} notice={route.page === 'invite' ? INVITE_SIGN_IN_NOTICE : notice} />;
  }
  if (route.page === 'documents') {
    return (
      <Suspense fallback={<p className="page-loading">Loading…</p>}>
        <DocumentsPage />
      </Suspense>
    );
  }
  if (route.page === 'account') {
    return (
      <Suspense fallback={<p className="page-loading">Loading…</p>}>
        <AccountPage />
      </Suspense>
    );
  }
  if (route.page === 'editor') {
    return (
      <Suspense fallback={<p className="page-loading">Opening the editor…</p>}>
        <EditorPage key={route.documentId} documentId={route.documentId} user={session.user} />
      </Suspense>
    );
  }
  if (route.page === 'invite') {
    return (
      <Suspense fallback={<p className="page-loading">Opening the invite…</p>}>
        <InvitePage key={route.token} token={route.token} />
      </Suspense>
    );
  }
  if (route.page === 'project') {
    return (
      <Suspense fallback={<p className="page-loading">Opening the project…</p>}>
        <ProjectPage key={route.projectId} projectId={route.projectId} user={session.user} />
      </Suspense>
    );
  }
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Page not found</h1>
        <Link href="/">Go to your documents</Link>
      </div>
    </main>
  );
}
