import { useCallback, useEffect, useMemo, useState } from 'react';
import { canWrite, type ProjectEntryDto } from '@codesync/protocol';
import { AppHeader } from '../app/app-header';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';
import type { CollabUser } from '../editor/collab-session';
import { useConnectionState } from '../editor/use-collab-session';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { FormError } from '../ui/form-error';
import { RoleBadge } from '../ui/role-badge';
import type { RevealTarget } from '../editor/reveal-position';
import { FileEditor } from './file-editor';
import { FileTree } from './file-tree';
import { FindInFiles } from './find-in-files';
import type { monaco } from '../monaco/monaco-setup';
import { PeoplePanel } from './people-panel';
import { PathForm } from './path-form';
import { ProjectActions } from './project-actions';
import { ProjectInvites } from './project-invites';
import { ProjectShare } from './project-share';
import { QuickOpen } from './quick-open';
import { uploadFiles } from './upload-files';
import { useFindPanel } from './use-find-panel';
import { useProjectModels } from './use-project-models';
import { useFollow } from './use-follow';
import { useLocalView } from './use-local-view';
import { usePeople, useProject } from './use-project';

type Panel = { kind: 'new-file' | 'new-folder' } | { kind: 'delete'; entry: ProjectEntryDto } | { kind: 'quick-open' } | null;

/** `/p/:projectId`: the tree, tabs of open files, who is where, quick open. */
export function ProjectPage({ projectId, user }: { projectId: string; user: CollabUser }) {
  const state = useProject(projectId, user);
  const { project, entries, session, refresh } = state;
  const people = usePeople(session);
  const projectConnection = useConnectionState(session);
  const [tabs, setTabs] = useState<string[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [error, setError] = useState<string | null>(null);
  const [reveal, setReveal] = useState<RevealTarget | null>(null);
  const find = useFindPanel(state.treeVersion);
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  const byDocument = useMemo(() => new Map(entries.flatMap((e) => (e.documentId ? [[e.documentId, e] as const] : []))), [entries]);
  const activeEntry = active ? byDocument.get(active) : undefined;
  const role = project?.role ?? 'viewer';

  useEffect(() => {
    if (project) document.title = `${project.name} · CodeSync`;
  }, [project]);
  // Tabs follow renames (keyed by document); a deleted file's tab closes.
  useEffect(() => {
    if (state.treeVersion < 0) return;
    setTabs((open) => open.filter((id) => byDocument.has(id)));
    setActive((current) => (current && byDocument.has(current) ? current : null));
  }, [byDocument, state.treeVersion]);
  useEffect(() => session?.setFile(activeEntry?.path ?? null), [session, activeEntry?.path]);
  // A place to show is for the file it was found in: coming back to that tab later must not jump there again.
  useEffect(() => setReveal((target) => (target && target.documentId !== active ? null : target)), [active]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'p' && !event.shiftKey) {
        event.preventDefault();
        setPanel({ kind: 'quick-open' });
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const open = useCallback((entry: ProjectEntryDto, at?: RevealTarget) => {
    const id = entry.documentId;
    if (!id) return;
    setTabs((list) => (list.includes(id) ? list : [...list, id]));
    setActive(id);
    if (at) setReveal(at);
  }, []);
  const models = useProjectModels(entries, state.treeVersion, (target) => {
    const entry = byDocument.get(target.documentId);
    if (entry) open(entry, target);
  });
  const { source } = models;
  const activeSource = useMemo(() => (active ? source(active) : undefined), [source, active]);
  const openPath = useCallback((path: string) => {
    const entry = entries.find((e) => e.path === path && e.kind === 'file');
    if (entry) open(entry);
  }, [entries, open]);
  useLocalView(session, editor);
  const follow = useFollow({ session, people, editor, activePath: activeEntry?.path ?? null, openPath });
  const change = useCallback(
    async (action: () => Promise<unknown>) => {
      await action();
      await refresh();
    },
    [refresh],
  );

  const writable = canWrite(role);
  return (
    <div className="page editor-page project-page">
      <AppHeader>
        <div className="editor-title">
          <h1>{project?.name ?? 'Project'}</h1>
          <RoleBadge role={role} />
        </div>
      </AppHeader>
      <FormError error={error ?? state.error} />
      <div className="project-layout">
        <aside className="project-sidebar" aria-label="Project">
          <ProjectActions projectId={projectId} projectName={project?.name ?? 'project'} canEdit={writable} onNew={(kind) => setPanel({ kind })} onChanged={refresh} onError={(c) => setError(errorMessage(c))} />
          {role === 'owner' && <ProjectShare projectId={projectId} />}
          {role === 'owner' && <ProjectInvites projectId={projectId} />}
          {(panel?.kind === 'new-file' || panel?.kind === 'new-folder') && (
            <PathForm
              label={panel.kind === 'new-file' ? 'New file path' : 'New folder path'}
              initial=""
              submitLabel="Create"
              onCancel={() => setPanel(null)}
              onSubmit={(path) => change(() => api.createEntry(projectId, { path, kind: panel.kind === 'new-file' ? 'file' : 'folder' }))}
            />
          )}
          <PeoplePanel people={people} selfId={session?.awareness.clientID ?? null} follow={follow} />
          {find.open && (
            <FindInFiles
              projectId={projectId}
              {...find.props}
              onOpen={(_path, target) => {
                const entry = byDocument.get(target.documentId);
                if (entry) open(entry, target);
              }}
            />
          )}
          <FileTree
            entries={entries}
            people={people}
            activePath={activeEntry?.path ?? null}
            canEdit={writable}
            onOpen={open}
            onMove={(from, to) => change(() => api.moveEntry(projectId, from, to))}
            onUpload={(files, folder) => change(() => uploadFiles(projectId, files, folder))}
            onDelete={(entry) => setPanel({ kind: 'delete', entry })}
            onError={(cause) => setError(errorMessage(cause))}
          />
        </aside>
        <main className="project-editor" aria-label="Open files">
          <div className="tabs" role="tablist" aria-label="Open files">
            {tabs.map((id) => {
              const close = () => setTabs((list) => list.filter((t) => t !== id));
              return (
                // A tablist may hold only tabs (axe: aria-required-children): the × is for the
                // pointer, hidden from assistive technology; the keyboard closes a tab with Delete.
                <div key={id} className="tab-wrap" role="presentation">
                  <button
                    type="button"
                    role="tab"
                    aria-selected={id === active}
                    aria-keyshortcuts="Delete"
                    className={id === active ? 'tab active' : 'tab'}
                    onClick={() => setActive(id)}
                    onKeyDown={(event) => event.key === 'Delete' && close()}
                  >
                    {byDocument.get(id)?.path ?? '…'}
                  </button>
                  <button type="button" className="icon-button" tabIndex={-1} aria-hidden="true" title="Close (Delete)" onClick={close}>
                    ×
                  </button>
                </div>
              );
            })}
          </div>
          {activeEntry?.documentId && tabs.includes(activeEntry.documentId) && models.ready ? (
            <FileEditor key={activeEntry.documentId} documentId={activeEntry.documentId} path={activeEntry.path} language={activeEntry.language ?? 'plaintext'} role={role} user={user} projectConnection={projectConnection} reveal={reveal?.documentId === activeEntry.documentId ? reveal : null} modelSource={activeSource} onEditor={setEditor} />
          ) : (
            <p className="empty">Open a file from the tree, press Ctrl/Cmd+P to open one by name, or Ctrl/Cmd+Shift+F to find in files.</p>
          )}
        </main>
      </div>
      {panel?.kind === 'quick-open' && (
        <QuickOpen
          paths={entries.filter((e) => e.kind === 'file').map((e) => e.path)}
          onClose={() => setPanel(null)}
          onOpen={(path) => {
            const entry = entries.find((e) => e.path === path);
            if (entry) open(entry);
            setPanel(null);
          }}
        />
      )}
      {panel?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${panel.entry.kind}?`}
          message={`“${panel.entry.path}”${panel.entry.kind === 'folder' ? ' and everything in it' : ''} will be deleted for everyone. This cannot be undone.`}
          confirmLabel="Delete"
          danger
          onClose={() => setPanel(null)}
          onConfirm={() => change(() => api.deleteEntry(projectId, panel.entry.path))}
        />
      )}
    </div>
  );
}
