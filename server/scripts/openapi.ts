// Prints the API's OpenAPI document as the web client's TypeScript types
// (`> web/src/api/schema.d.ts`), or as JSON with `--json`.
import { describeApi } from '../src/openapi/describe-api.js';
import { schemaTypes } from '../src/openapi/schema-types.js';

const document = describeApi();
process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(document, null, 2)}\n` : await schemaTypes(document));
