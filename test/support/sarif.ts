// Validate a SARIF log against the official 2.1.0 JSON schema (draft-04), as shipped in the
// @microsoft/jest-sarif package (devDependency; its file is the schemastore copy of
// sarif-schema-2.1.0, rtm.5). Returns the schema errors, [] when valid.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvModule from 'ajv-draft-04';
import formatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
// CommonJS packages: under NodeNext their default export is the module object.
const Ajv = AjvModule.default;
const addFormats = formatsModule.default;

export const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

export function sarifValidator(): (doc: unknown) => string[] {
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // The schema's `language` pattern is not valid in unicode mode (a stray ']').
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));
}
