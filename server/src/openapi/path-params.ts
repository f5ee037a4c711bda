import { z } from 'zod';

// Path parameters as documented. Handlers judge them (an id that is not a
// UUID is simply not found), so these only describe.
const documentId = z.string().meta({ description: 'document id (UUID)' });
const userId = z.string().meta({ description: "the member's user id (UUID)" });
const versionId = z.string().meta({ description: 'version id, as listed by GET …/versions' });

export const documentParams = z.object({ id: documentId });
export const memberParams = z.object({ id: documentId, userId });
export const versionParams = z.object({ id: documentId, versionId });

const projectId = z.string().meta({ description: 'project id (UUID)' });
export const projectParams = z.object({ id: projectId });
export const projectMemberParams = z.object({ id: projectId, userId });
export const entryPathQuery = z.object({ path: z.string().meta({ description: 'the file or folder to delete' }) });
export const inviteParams = z.object({ id: projectId, inviteId: z.string().meta({ description: 'invite id (UUID), as listed' }) });
