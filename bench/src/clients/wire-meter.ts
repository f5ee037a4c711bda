import { connect, type NetConnectOpts, type Socket } from 'node:net';

/**
 * Watches one client socket's raw bytes, so a joiner can tell when the first
 * byte of a message arrived (not only when ws handed over the whole message)
 * and how many bytes it read. It finds the end of the HTTP upgrade response,
 * then walks the server's WebSocket frames (unmasked: RFC 6455 §5.1) and stamps
 * the arrival of each message's first byte; control frames are not messages.
 */
export interface WireMeter {
  /** For ws's `createConnection` option: a TCP socket this meter reads alongside ws. */
  createConnection(options: object): Socket;
  /** performance.now() when message `index` (0-based, in arrival order) began to arrive. */
  messageStartedAt(index: number): number | undefined;
  /** Bytes read from the socket so far (upgrade response and frames). */
  readonly bytesRead: number;
}

const HEADERS_END = Buffer.from('\r\n\r\n');

export function createWireMeter(): WireMeter {
  let bytesRead = 0;
  let headers: Buffer | undefined = Buffer.alloc(0);
  // The frame being parsed: its header bytes gathered so far, then the payload bytes still to come.
  let header = Buffer.alloc(0);
  let payloadLeft = 0;
  let inMessage = false;
  const starts: number[] = [];

  function headerLength(): number | undefined {
    if (header.length < 2) return undefined;
    const code = (header[1] ?? 0) & 0x7f;
    return code === 126 ? 4 : code === 127 ? 10 : 2;
  }

  function payloadLength(): number {
    const code = (header[1] ?? 0) & 0x7f;
    return code === 126 ? header.readUInt16BE(2) : code === 127 ? Number(header.readBigUInt64BE(2)) : code;
  }

  function frames(chunk: Buffer, at: number): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (payloadLeft > 0) {
        const take = Math.min(payloadLeft, chunk.length - offset);
        payloadLeft -= take;
        offset += take;
        continue;
      }
      header = Buffer.concat([header, chunk.subarray(offset, offset + 1)]);
      offset += 1;
      const opcode = (header[0] ?? 0) & 0x0f;
      // A data frame's first byte is its message's first byte, unless it continues a fragmented one.
      if (header.length === 1 && opcode < 8 && !inMessage) {
        starts.push(at);
        inMessage = true;
      }
      const length = headerLength();
      if (length === undefined || header.length < length) continue;
      const fin = ((header[0] ?? 0) & 0x80) !== 0;
      if (opcode < 8 && fin) inMessage = false;
      payloadLeft = payloadLength();
      header = Buffer.alloc(0);
    }
  }

  // ws hands the bytes that came with the upgrade response back to the socket
  // (socket.unshift): they arrive twice, counted once and timed at first arrival.
  let replayLeft = 0;
  let replayAt = 0;

  function onData(chunk: Buffer): void {
    const at = performance.now();
    if (headers !== undefined) {
      bytesRead += chunk.length;
      headers = Buffer.concat([headers, chunk]);
      const end = headers.indexOf(HEADERS_END);
      if (end < 0) return;
      replayLeft = headers.length - end - HEADERS_END.length;
      replayAt = at;
      headers = undefined;
      return;
    }
    const replayed = Math.min(replayLeft, chunk.length);
    replayLeft -= replayed;
    frames(chunk.subarray(0, replayed), replayAt);
    bytesRead += chunk.length - replayed;
    frames(chunk.subarray(replayed), at);
  }

  return {
    createConnection(options) {
      // Our listener is added before ws's, so a chunk is stamped before ws parses it.
      // ws passes http.request's options, which carry the host and port net.connect needs.
      const socket = connect(options as NetConnectOpts);
      socket.on('data', onData);
      return socket;
    },
    messageStartedAt: (index) => starts[index],
    get bytesRead() {
      return bytesRead;
    },
  };
}
