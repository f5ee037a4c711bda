/**
 * Deletes an IndexedDB database (a document's copy on this device). Resolves once it is
 * gone, or once the browser says another tab still holds it open: the deletion then
 * completes when that tab lets go, before any new open of the same name.
 */
export function deleteLocalCopy(name: string, factory: IDBFactory = indexedDB): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onblocked = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
  });
}
