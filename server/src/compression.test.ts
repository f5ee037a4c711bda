import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createAppWithoutServices } from './openapi/describe-api.js';

describe('response compression', () => {
  // The API answered uncompressed even to clients asking for gzip: the reference page's
  // script alone is 1.7 MB.
  it('gzips a large answer for a client that accepts gzip', async () => {
    const app = createAppWithoutServices();
    const plain = await app.request('/api/docs/swagger-ui-bundle.js');
    const gzipped = await app.request('/api/docs/swagger-ui-bundle.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });

    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('vary')).toMatch(/accept-encoding/i);
    const [text, bytes] = [await plain.text(), Buffer.from(await gzipped.arrayBuffer())];
    expect(bytes.length).toBeLessThan(text.length / 2);
    expect(gunzipSync(bytes).toString()).toBe(text);
  });

  it('gzips the OpenAPI document, JSON like every other answer', async () => {
    const response = await createAppWithoutServices().request('/api/openapi.json', { headers: { 'accept-encoding': 'gzip' } });

    expect(response.headers.get('content-encoding')).toBe('gzip');
    const document = JSON.parse(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()) as { openapi: string };
    expect(document.openapi).toBe('3.1.0');
  });
});
