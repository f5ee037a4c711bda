import * as Y from 'yjs';
import { connectBenchClient, type BenchClient, type ClientTarget } from './bench-client.js';

/** A real Y.Doc client: applies everything it receives, to check convergence. */
export interface DocChecker {
  client: BenchClient;
  doc: Y.Doc;
  text(): string;
  close(): void;
}

export function connectDocChecker(target: ClientTarget): DocChecker {
  const doc = new Y.Doc();
  const apply = (update: Uint8Array) => Y.applyUpdate(doc, update, 'server');
  const client = connectBenchClient(target, { onStep2: apply, onUpdateBytes: apply });
  return {
    client,
    doc,
    text: () => doc.getText('content').toString(),
    close() {
      client.close();
      doc.destroy();
    },
  };
}

/** The text every replica must reach: all sent updates merged in one doc. */
export function expectedText(updates: Iterable<Uint8Array>): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  const text = doc.getText('content').toString();
  doc.destroy();
  return text;
}
