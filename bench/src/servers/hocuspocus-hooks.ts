import * as Y from 'yjs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FixtureEnv } from './fixture-env.js';

interface Counts {
  rooms: number;
  connections: number;
}

/**
 * The hooks every Hocuspocus fixture (3.4 and 4.x) runs: the same document tokens as
 * CodeSync, each document in a file (debounced by Hocuspocus, as its database
 * extensions do), and /health with the rooms and connections held.
 */
export function hocuspocusHooks(env: FixtureEnv, counts: () => Counts) {
  return {
    async onAuthenticate({ token, documentName }: { token: string; documentName: string }) {
      await env.authorize(token, documentName);
    },
    async onLoadDocument({ documentName, document }: { documentName: string; document: Y.Doc }) {
      const state = env.load(documentName);
      if (state) Y.applyUpdate(document, state);
    },
    async onStoreDocument({ documentName, document }: { documentName: string; document: Y.Doc }) {
      env.save(documentName, Y.encodeStateAsUpdate(document));
    },
    async onRequest({ request, response }: { request: IncomingMessage; response: ServerResponse }) {
      if (request.url !== '/health') return;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts()));
      // Hocuspocus' way of saying "handled": reject with nothing.
      throw null;
    },
  };
}
