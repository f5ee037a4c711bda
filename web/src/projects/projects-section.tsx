import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ProjectDto } from '@codesync/protocol';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';
import { Link } from '../router/link';
import { navigate, projectPath } from '../router/router';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { FormError } from '../ui/form-error';
import { RoleBadge } from '../ui/role-badge';
import { useSubmit } from '../ui/use-submit';

/** The user's projects: create, open, rename (owner/editor), delete (owner). */
export function ProjectsSection() {
  const [projects, setProjects] = useState<ProjectDto[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ProjectDto | null>(null);
  const [name, setName] = useState('');
  const load = useCallback(async () => {
    try {
      setProjects(await api.listProjects());
      setLoadError(null);
    } catch (cause) {
      setLoadError(errorMessage(cause));
    }
  }, []);
  useEffect(() => void load(), [load]);
  const create = useSubmit(useCallback(async () => navigate(projectPath((await api.createProject(name)).id)), [name]));

  function submit(event: FormEvent): void {
    event.preventDefault();
    void create.run();
  }

  return (
    <section aria-labelledby="projects-heading">
      <h1 id="projects-heading">Projects</h1>
      <form className="create-form" onSubmit={submit} aria-label="New project">
        <input aria-label="Project name" placeholder="New project name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required />
        <button type="submit" className="primary" disabled={create.busy}>
          Create project
        </button>
        <FormError error={create.error} />
      </form>
      <FormError error={loadError} />
      {projects?.length === 0 && <p className="empty">No projects yet.</p>}
      {projects && projects.length > 0 && (
        <ul className="document-list" aria-label="Your projects">
          {projects.map((p) => (
            <ProjectRow key={p.id} project={p} onRenamed={() => void load()} onDelete={() => setDeleting(p)} />
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete project?"
          message={`“${deleting.name}” and every file in it will be deleted for everyone. This cannot be undone.`}
          confirmLabel="Delete"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.deleteProject(deleting.id);
            setProjects((list) => list?.filter((p) => p.id !== deleting.id) ?? null);
          }}
        />
      )}
    </section>
  );
}

function ProjectRow({ project, onRenamed, onDelete }: { project: ProjectDto; onRenamed: () => void; onDelete: () => void }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(project.name);
  const rename = useSubmit(
    useCallback(async () => {
      await api.renameProject(project.id, name);
      setRenaming(false);
      onRenamed();
    }, [project.id, name, onRenamed]),
  );
  return (
    <li className="document-row">
      {renaming ? (
        <form onSubmit={(e) => (e.preventDefault(), void rename.run())} aria-label={`Rename ${project.name}`}>
          <input aria-label="New name" value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
          <button type="submit" disabled={rename.busy}>Save</button>
          <button type="button" onClick={() => setRenaming(false)}>Cancel</button>
          <FormError error={rename.error} />
        </form>
      ) : (
        <Link href={projectPath(project.id)}>{project.name}</Link>
      )}
      <RoleBadge role={project.role} />
      {!renaming && project.role !== 'viewer' && (
        <button type="button" className="ghost" onClick={() => setRenaming(true)}>Rename</button>
      )}
      {project.role === 'owner' && (
        <button type="button" className="ghost" onClick={onDelete}>Delete</button>
      )}
    </li>
  );
}
