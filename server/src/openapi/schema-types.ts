import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import type { OpenApiDocument } from './openapi-document.js';

const HEADER = `// Generated from the API's OpenAPI document: do not edit.
// Regenerate: pnpm --filter @codesync/server --silent openapi > web/src/api/schema.d.ts
`;

/** The document as TypeScript types for openapi-fetch: the text of web/src/api/schema.d.ts. */
export async function schemaTypes(document: OpenApiDocument): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)) as Parameters<typeof openapiTS>[0], {
    // An archive travels as bytes: the browser hands openapi-fetch a Blob.
    transform: (schema) => (schema.format === 'binary' ? ts.factory.createTypeReferenceNode('Blob') : undefined),
  });
  return HEADER + astToString(ast);
}
