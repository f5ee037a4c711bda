import { ApiError } from '../api/api-error';

/** What to tell the user about a failed action. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
