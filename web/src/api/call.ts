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

/** GET `url` outside the OpenAPI document: its JSON, or its error as an ApiError. */
export async function untypedJson(fetchImpl: (request: Request) => Promise<Response>, url: URL): Promise<unknown> {
  const response = await fetchImpl(new Request(url, { headers: { accept: 'application/json' } }));
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch (cause) {
    // Not JSON (a proxy's error page): keep the text; the status says what happened.
    body = { text, cause };
  }
  return call(Promise.resolve({ data: body, error: body, response }));
}
