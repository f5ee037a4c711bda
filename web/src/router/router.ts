import { useSyncExternalStore } from 'react';

const NAVIGATE = 'codesync:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE, listener);
  };
}

const currentPath = (): string => window.location.pathname + window.location.search;

/** The current path and query; re-renders on navigation. */
export function useLocationPath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentPath()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE));
}

export type Route =
  | { page: 'documents' }
  | { page: 'editor'; documentId: string }
  | { page: 'project'; projectId: string }
  | { page: 'invite'; token: string }
  | { page: 'sign-in'; next: string | null }
  | { page: 'sign-up'; next: string | null }
  | { page: 'account' }
  | { page: 'reset' }
  | { page: 'not-found' };

/** Paths after sign-in are only ever local: never redirect to another origin. */
function safeNext(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

export function parseRoute(path: string): Route {
  const url = new URL(path, 'http://local');
  const next = safeNext(url.searchParams.get('next'));
  if (url.pathname === '/') return { page: 'documents' };
  if (url.pathname === '/signin') return { page: 'sign-in', next };
  if (url.pathname === '/signup') return { page: 'sign-up', next };
  if (url.pathname === '/account') return { page: 'account' };
  if (url.pathname === '/reset') return { page: 'reset' };
  const editor = /^\/d\/([^/]+)\/?$/.exec(url.pathname);
  if (editor?.[1]) return { page: 'editor', documentId: decodeURIComponent(editor[1]) };
  const project = /^\/p\/([^/]+)\/?$/.exec(url.pathname);
  if (project?.[1]) return { page: 'project', projectId: decodeURIComponent(project[1]) };
  const invite = /^\/invite\/([^/]+)\/?$/.exec(url.pathname);
  if (invite?.[1]) return { page: 'invite', token: decodeURIComponent(invite[1]) };
  return { page: 'not-found' };
}

export const documentPath = (documentId: string): string => `/d/${encodeURIComponent(documentId)}`;
export const projectPath = (projectId: string): string => `/p/${encodeURIComponent(projectId)}`;
