/**
 * A message as one unmasked binary WebSocket frame (RFC 6455 §5.2), the way a
 * server sends it. A broadcast frames its message once and writes the same
 * bytes to every socket: one write each, where `ws` would frame the message
 * again per socket and write header and payload apart.
 */
export function binaryFrame(message: Uint8Array): Buffer {
  const length = message.byteLength;
  const headerBytes = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = 0x82; // FIN, opcode 2 (binary)
  if (headerBytes === 2) frame[1] = length;
  else if (headerBytes === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(message, headerBytes);
  return frame;
}
