import { errorFromBody } from './api-error';

/** What an openapi-fetch call resolves to, success or not. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or its `{error: {code, message}}` body as an ApiError. */
export async function call<T>(answer: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await answer;
  if (!response.ok) throw errorFromBody(response, error);
  return data as T;
}
