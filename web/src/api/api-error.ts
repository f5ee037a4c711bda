import type { ErrorBody } from './schema-types';

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

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** A non-2xx answer as an ApiError, using its `{error:{code,message}}` body (parsed or text) when present. */
export function errorFromBody(response: Response, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(response.status, body.error.code, body.error.message);
  const message = response.statusText || `request failed with status ${response.status}`;
  return new ApiError(response.status, `http_${response.status}`, message);
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError(0, ClientErrorCode.network, 'Cannot reach the server. Are you offline?');
  error.cause = cause;
  return error;
}
