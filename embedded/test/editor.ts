import { connectEditor, type Editor } from '@codesync/testing';

/** The stock y-websocket client on the embedded or sync process at `port`. */
export function editor(port: number, documentId: string, token: string): Editor {
  return connectEditor(`ws://127.0.0.1:${port}`, documentId, token);
}
