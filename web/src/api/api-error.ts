import type { ApiErrorBody } from '@codesync/protocol';

/** Codes the client itself produces, beside the server's snake_case codes. */
export const ClientErrorCode = {
  network: 'network_error',
  sessionExpired: 'session_expired',
  badResponse: 'bad_response',
} as const;

/** One error type for every failed API call: HTTP status (0 when none) and a code. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  get isNetwork(): boolean {
    return this.code === ClientErrorCode.network;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** Turns a non-2xx response into an ApiError, using the `{error:{code,message}}` body when present. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (cause) {
    // Not JSON (a proxy's HTML error page, say): fall through to the status line.
    body = { parseError: String(cause) };
  }
  if (isErrorBody(body)) return new ApiError(response.status, body.error.code, body.error.message);
  const message = response.statusText || `request failed with status ${response.status}`;
  return new ApiError(response.status, `http_${response.status}`, message);
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError(0, ClientErrorCode.network, 'Cannot reach the server. Are you offline?');
  error.cause = cause;
  return error;
}
