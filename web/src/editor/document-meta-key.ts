/** Where a document's metadata is cached for offline opening (removed with the document's local copy). */
export const documentMetaKey = (documentId: string): string => `codesync:document:${documentId}`;
