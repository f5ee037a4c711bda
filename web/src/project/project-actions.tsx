import type { ChangeEvent } from 'react';
import { api } from '../app/services';
import { uploadFiles } from './upload-files';

interface ProjectActionsProps {
  projectId: string;
  projectName: string;
  canEdit: boolean;
  onNew: (kind: 'new-file' | 'new-folder') => void;
  onChanged: () => Promise<void>;
  onError: (cause: unknown) => void;
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** New file/folder, download the project as a zip, upload files or a zip. */
export function ProjectActions({ projectId, projectName, canEdit, onNew, onChanged, onError }: ProjectActionsProps) {
  async function upload(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    try {
      await uploadFiles(projectId, files);
    } catch (cause) {
      onError(cause);
    }
    await onChanged();
  }

  async function download(): Promise<void> {
    try {
      saveBlob(await api.exportArchive(projectId), `${projectName.replace(/[^\w.-]+/g, '-') || 'project'}.zip`);
    } catch (cause) {
      onError(cause);
    }
  }

  return (
    <div className="project-actions" role="toolbar" aria-label="Project actions">
      {canEdit && (
        <>
          <button type="button" onClick={() => onNew('new-file')}>New file</button>
          <button type="button" onClick={() => onNew('new-folder')}>New folder</button>
          <label className="button-like">
            Upload
            <input type="file" multiple className="visually-hidden" aria-label="Upload files or a zip" onChange={(e) => void upload(e)} />
          </label>
        </>
      )}
      <button type="button" onClick={() => void download()}>Download zip</button>
    </div>
  );
}
