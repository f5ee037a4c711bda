import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

/** y-websocket message types and y-protocols sync sub-types, as on the wire. */
const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
const SYNC = { step1: 0, step2: 1, update: 2 } as const;

/** A frame to send: binary bytes, or a text frame. */
export type Frame = { binary: true; bytes: Uint8Array } | { binary: false; text: string };

const binary = (bytes: Uint8Array): Frame => ({ binary: true, bytes });

function build(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const varUint = (n: number) => build((e) => encoding.writeVarUint(e, n));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

export const syncMessage = (type: number, payload: Uint8Array) =>
  build((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    encoding.writeVarUint(e, type);
    encoding.writeVarUint8Array(e, payload);
  });
export const awarenessMessage = (payload: Uint8Array) =>
  build((e) => {
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, payload);
  });
export const queryAwarenessMessage = () => varUint(MESSAGE.queryAwareness);
/** Sync step 1 of a client that has nothing: always answered with the whole document. */
export const emptyStep1 = () => syncMessage(SYNC.step1, Y.encodeStateVector(new Y.Doc()));

/** Valid frames that change nothing, to put before a malformed one. */
const harmless = fc.constantFrom(emptyStep1(), queryAwarenessMessage());

const validUpdateMessage = fc.string({ minLength: 1, maxLength: 20 }).map((text) => {
  const doc = new Y.Doc();
  doc.getText('content').insert(0, text);
  return syncMessage(SYNC.update, Y.encodeStateAsUpdate(doc));
});

/**
 * Frames that no correct client sends and that the protocol can tell apart:
 * unknown message or sync types, truncated varints, length prefixes beyond
 * the frame, valid messages cut short or with bytes after them, empty and
 * text frames, and frames over the size limit (`oversizeBytes`).
 */
export function malformedFrame(oversizeBytes: number): fc.Arbitrary<Frame> {
  const bytes = (max = 64) => fc.uint8Array({ maxLength: max });
  return fc.oneof(
    fc.tuple(fc.integer({ min: 4, max: 2 ** 31 }), bytes()).map(([type, rest]) => binary(concat(varUint(type), rest))),
    bytes().map((rest) => binary(concat(varUint(MESSAGE.auth), rest))),
    fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => binary(b.map((x) => x | 0x80))),
    fc.tuple(fc.integer({ min: 3, max: 2 ** 31 }), bytes()).map(([sub, rest]) => binary(concat(varUint(MESSAGE.sync), varUint(sub), rest))),
    fc
      .tuple(fc.constantFrom<number>(SYNC.step1, SYNC.step2, SYNC.update), fc.integer({ min: 1, max: 2 ** 40 }), bytes(32))
      .map(([sub, extra, rest]) => binary(concat(varUint(MESSAGE.sync), varUint(sub), varUint(rest.length + extra), rest))),
    fc.tuple(fc.integer({ min: 1, max: 2 ** 40 }), bytes(32)).map(([extra, rest]) =>
      binary(concat(varUint(MESSAGE.awareness), varUint(rest.length + extra), rest)),
    ),
    fc
      .tuple(validUpdateMessage, fc.nat())
      .map(([message, cut]) => binary(message.slice(0, cut % message.length))),
    fc
      .tuple(fc.oneof(validUpdateMessage, harmless), fc.uint8Array({ minLength: 1, maxLength: 16 }))
      .map(([message, extra]) => binary(concat(message, extra))),
    fc.string({ maxLength: 64 }).map((text): Frame => ({ binary: false, text })),
    fc.integer({ min: oversizeBytes + 1, max: oversizeBytes * 2 }).map((size) => binary(new Uint8Array(size).fill(0x41))),
  );
}

/** A malformed frame after a few harmless valid ones. */
export function malformedSequence(oversizeBytes: number): fc.Arbitrary<Frame[]> {
  return fc
    .tuple(fc.array(harmless, { maxLength: 2 }), malformedFrame(oversizeBytes))
    .map(([before, bad]) => [...before.map(binary), bad]);
}

/** A real update (text and map edits) with a few bytes overwritten: often still decodes, sometimes cannot apply. */
const mutatedUpdate = fc
  .tuple(fc.string({ minLength: 1, maxLength: 16 }), fc.nat({ max: 4 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 3 }))
  .map(([text, cut, mutations]) => {
    const doc = new Y.Doc();
    doc.getText('content').insert(0, text);
    doc.getText('content').delete(0, Math.min(cut, text.length));
    doc.getMap('meta').set('k', cut);
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    for (const [at, value] of mutations) update[at % update.length] = value;
    return update;
  });

/** Well-formed envelopes around noise: random or mutated state vectors, updates and awareness updates. */
export const noisyEnvelope: fc.Arbitrary<Frame> = fc
  .tuple(fc.constantFrom('step1', 'step2', 'update', 'awareness'), fc.oneof(fc.uint8Array({ maxLength: 48 }), mutatedUpdate))
  .map(([kind, payload]) => {
    if (kind === 'awareness') return binary(awarenessMessage(payload));
    return binary(syncMessage(SYNC[kind as 'step1' | 'step2' | 'update'], payload));
  });

export interface ValidSession {
  frames: Frame[];
  /** The text once every update in `frames` is merged. */
  expectedText: string;
}

const edit = fc.record({
  author: fc.nat({ max: 2 }),
  at: fc.nat(),
  insert: fc.string({ maxLength: 8 }),
  remove: fc.nat({ max: 4 }),
});

/**
 * What real clients send (updates from three authors, sync steps, awareness
 * states, queries), shuffled: dependencies arrive out of order, step 2 comes
 * without step 1, awareness from clients the server has not seen.
 */
export const validSession: fc.Arbitrary<ValidSession> = fc
  .tuple(fc.array(edit, { minLength: 1, maxLength: 25 }), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.nat())
  .chain(([edits, states, seed]) => {
    const authors = [0, 1, 2].map((i) => {
      const doc = new Y.Doc();
      doc.clientID = 1000 + seed * 3 + i;
      return doc;
    });
    const frames: Uint8Array[] = [];
    for (const [i, doc] of authors.entries()) {
      doc.on('update', (update: Uint8Array) => frames.push(syncMessage(i === 1 ? SYNC.step2 : SYNC.update, update)));
    }
    for (const { author, at, insert, remove } of edits) {
      const doc = authors[author]!;
      // Authors see each other's work now and then, so updates depend on one another.
      if (at % 3 === 0) for (const other of authors) Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
      const text = doc.getText('content');
      const position = at % (text.length + 1);
      text.delete(position, Math.min(remove, text.length - position));
      text.insert(position, insert);
    }
    const awareness = new awarenessProtocol.Awareness(authors[0]!);
    for (const state of states) {
      awareness.setLocalState({ user: state });
      frames.push(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])));
    }
    frames.push(syncMessage(SYNC.step1, Y.encodeStateVector(authors[2]!)), queryAwarenessMessage());
    const merged = new Y.Doc();
    for (const doc of authors) Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
    const expectedText = merged.getText('content').toString();
    awareness.destroy();
    return fc.shuffledSubarray(frames, { minLength: frames.length }).map((order) => ({
      frames: order.map(binary),
      expectedText,
    }));
  });
