import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/**
 * Sends `head` (request line and headers, CRLF-separated, without the final
 * blank line) and `body` byte for byte over a fresh TCP connection, so that
 * paths and headers reach the server exactly as written, with no client-side
 * normalisation. Resolves with the parsed response once the server closes.
 */
export function rawRequest(port: number, head: string, body = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(15_000, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    let failure: Error | undefined;
    // The server may answer and close before the body is sent (413): EPIPE then is expected.
    socket.on('error', (error: Error) => (failure = error));
    socket.on('close', () => {
      // Interim answers (100 Continue) come first: the final response follows them.
      const text = Buffer.concat(chunks).toString('latin1').replace(/^(HTTP\/1\.1 1\d\d [^\r]*\r\n(?:[^\r]+\r\n)*\r\n)+/, '');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!match?.[1]) return reject(failure ?? new Error(`no HTTP response: ${JSON.stringify(text.slice(0, 80))}`));
      const [rawHead = '', ...rest] = text.split('\r\n\r\n');
      const headers = new Map<string, string>();
      for (const line of rawHead.split('\r\n').slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      resolve({ status: Number(match[1]), headers, body: rest.join('\r\n\r\n') });
    });
    // Not half-closed: the server closes once it has answered (Connection: close).
    socket.write(`${head}\r\nConnection: close\r\n\r\n${body}`, 'latin1');
  });
}
