import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenApiDocument } from './openapi-document.js';

const HEADER = `// Generated from the API's OpenAPI document: do not edit.
// Regenerate: pnpm --filter @codesync/server --silent openapi > web/src/api/schema.d.ts
`;

/** The document as TypeScript types for openapi-fetch: the text of web/src/api/schema.d.ts. */
export async function schemaTypes(document: OpenApiDocument): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)) as Parameters<typeof openapiTS>[0]);
  return HEADER + astToString(ast);
}
