import type createClient from 'openapi-fetch';
import type { paths } from './schema';

/** The typed client openapi-fetch builds from the API's OpenAPI document. */
export type TypedClient = ReturnType<typeof createClient<paths>>;
