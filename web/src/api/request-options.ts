/** How the API client sends one request and reads its answer. */
export interface RequestOptions {
  body?: unknown;
  /** A binary body (a zip) sent as is, instead of JSON. */
  zip?: Blob;
  auth?: boolean;
  text?: boolean;
  raw?: boolean;
}
