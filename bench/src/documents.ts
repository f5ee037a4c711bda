import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTrace, type SequentialTrace as Trace } from '@codesync/testing';
import * as Y from 'yjs';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_DIR = path.join(benchDir, '.cache', 'documents');

export type DocumentName = 'rustcode' | 'automerge-paper' | '1mb' | '5mb' | '10mb';

/** Replays a trace keystroke by keystroke, `offset` characters into the text. */
function replay(text: Y.Text, trace: Trace, offset: number, txns = trace.txns.length): void {
  const doc = text.doc;
  if (!doc) throw new Error('text not in a document');
  if (trace.startContent) text.insert(offset, trace.startContent);
  for (const txn of trace.txns.slice(0, txns)) {
    doc.transact(() => {
      for (const [position, deleteCount, insert] of txn.patches) {
        if (deleteCount > 0) text.delete(offset + position, deleteCount);
        if (insert) text.insert(offset + position, insert);
      }
    });
  }
}

function build(name: DocumentName, txns: number | undefined): Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText('content');
  if (name === 'rustcode' || name === 'automerge-paper') {
    const trace = loadTrace(name);
    replay(text, trace, 0, txns);
    if (txns === undefined && text.toString() !== trace.endContent) throw new Error(`${name} replay diverged from endContent`);
  } else {
    // Real histories, not a paste: the paper written again and again, each time after the last.
    const target = { '1mb': 1, '5mb': 5, '10mb': 10 }[name] * 1024 * 1024;
    const trace = loadTrace('automerge-paper');
    while (Y.encodeStateAsUpdate(doc).byteLength < target) replay(text, trace, text.length);
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/**
 * A document's state (Y update), built by replaying real keystroke traces and
 * cached under bench/.cache, since the 10 MB one takes minutes to type.
 */
export function benchDocument(name: DocumentName, txns?: number): Uint8Array {
  const file = path.join(CACHE_DIR, `${name}${txns === undefined ? '' : `-${txns}`}.bin`);
  if (existsSync(file)) return readFileSync(file);
  const state = build(name, txns);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(file, state);
  return state;
}
