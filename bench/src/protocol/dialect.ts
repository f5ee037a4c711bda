import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './frames.js';

/**
 * How one family of servers frames the y-websocket protocol. CodeSync and the
 * reference server speak it bare (room in the URL); Hocuspocus prefixes every
 * frame with the document name and wants an auth message first.
 */
export interface Dialect {
  readonly name: 'y-websocket' | 'hocuspocus';
  url(base: string, documentId: string, token: string): string;
  /** Frames to send right after the socket opens, before sync step 1. */
  hello(documentId: string, token: string): Uint8Array[];
  wrap(documentId: string, frame: Uint8Array): Uint8Array;
  /** A decoder positioned at the y-websocket message type. */
  open(frame: Uint8Array): decoding.Decoder;
}

export const yWebsocketDialect: Dialect = {
  name: 'y-websocket',
  url: (base, documentId, token) => `${base}/socket/${documentId}?token=${encodeURIComponent(token)}`,
  hello: () => [],
  wrap: (_documentId, frame) => frame,
  open: (frame) => decoding.createDecoder(frame),
};

const AUTH_TOKEN = 0;

export const hocuspocusDialect: Dialect = {
  name: 'hocuspocus',
  // One socket may carry many documents; the URL names none.
  url: (base) => `${base}/`,
  hello(documentId, token) {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, documentId);
    encoding.writeVarUint(encoder, MessageType.auth);
    encoding.writeVarUint(encoder, AUTH_TOKEN);
    encoding.writeVarString(encoder, token);
    return [encoding.toUint8Array(encoder)];
  },
  wrap(documentId, frame) {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, documentId);
    encoding.writeUint8Array(encoder, frame);
    return encoding.toUint8Array(encoder);
  },
  open(frame) {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarString(decoder);
    return decoder;
  },
};
