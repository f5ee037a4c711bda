import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ProjectDto, ProjectEntryDto } from '@codesync/protocol';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';
import { createProjectSession, type PresentPerson, type ProjectSession } from './project-session';

export interface ProjectState {
  project: ProjectDto | null;
  entries: ProjectEntryDto[];
  treeVersion: number;
  error: string | null;
  session: ProjectSession | null;
  /** Refetches the tree (after one's own change, or a notice). */
  refresh(): Promise<void>;
}

/** A project's metadata and tree, kept current by the project socket's notices. */
export function useProject(projectId: string, user: { id: string; name: string }): ProjectState {
  const [project, setProject] = useState<ProjectDto | null>(null);
  const [tree, setTree] = useState<{ entries: ProjectEntryDto[]; treeVersion: number }>({ entries: [], treeVersion: -1 });
  const [error, setError] = useState<string | null>(null);
  const [session, setSession] = useState<ProjectSession | null>(null);
  const version = useRef(-1);

  const refresh = useCallback(async () => {
    try {
      const files = await api.listFiles(projectId);
      // Answers can cross: never step back to an older tree.
      if (files.treeVersion < version.current) return;
      version.current = files.treeVersion;
      setTree(files);
      setError(null);
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }, [projectId]);

  useEffect(() => {
    api.getProject(projectId).then(setProject, (cause: unknown) => setError(errorMessage(cause)));
    void refresh();
    const created = createProjectSession({
      projectId,
      user: { id: user.id, name: user.name },
      fetchToken: () => api.projectToken(projectId),
      onTreeChange: (announced) => {
        // A notice newer than what we hold (a gap included), or a reconnect: refetch.
        if (announced === null || announced > version.current) void refresh();
      },
    });
    setSession(created);
    created.start();
    return () => {
      created.destroy();
      setSession(null);
    };
  }, [projectId, user.id, user.name, refresh]);

  return { project, entries: tree.entries, treeVersion: tree.treeVersion, error, session, refresh };
}

const never = (): (() => void) => () => undefined;

/** Who is in which file, live from the project socket's presence. */
export function usePeople(session: ProjectSession | null): PresentPerson[] {
  const snapshot = useRef<{ key: string; people: PresentPerson[] }>({ key: '', people: [] });
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!session) return never();
      session.awareness.on('change', listener);
      return () => session.awareness.off('change', listener);
    },
    [session],
  );
  return useSyncExternalStore(subscribe, () => {
    const people = session?.people() ?? [];
    const key = JSON.stringify(people);
    if (key !== snapshot.current.key) snapshot.current = { key, people };
    return snapshot.current.people;
  });
}
