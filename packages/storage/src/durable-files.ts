import { open, rename } from 'node:fs/promises';
import path from 'node:path';

/**
 * Makes a directory's entries (a file just created or renamed into it)
 * survive a power loss. Some platforms cannot open a directory for syncing;
 * there the rename is as durable as the file system makes it.
 */
export async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR' || (error as NodeJS.ErrnoException).code === 'EPERM') return;
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `file` with `data` so that after a crash or power loss it holds
 * either the old or the new content, never a mix: written to a temporary
 * file, fsynced, renamed over the real name, and the directory fsynced.
 */
export async function writeFileDurably(file: string, data: string | Uint8Array, temporary = `${file}.tmp`): Promise<void> {
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  await syncDirectory(path.dirname(file));
}
