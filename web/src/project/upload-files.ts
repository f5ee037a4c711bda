import { api } from '../app/services';

/**
 * Uploads what the user picked or dropped: a zip is imported (its paths from the
 * project's root), any other file becomes a file named as it is, in `folder` when
 * dropped on one. One at a time, in order; the first failure stops and is thrown.
 */
export async function uploadFiles(projectId: string, files: File[], folder: string | null = null): Promise<void> {
  for (const file of files) {
    if (file.name.toLowerCase().endsWith('.zip')) await api.importArchive(projectId, file);
    else await api.createEntry(projectId, { path: folder ? `${folder}/${file.name}` : file.name, content: await file.text() });
  }
}
