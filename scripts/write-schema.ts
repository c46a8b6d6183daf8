/**
 * `npm run schema`: regenerates the committed JSON Schemas from their zod shapes:
 * schemas/proof-map.schema.json (what the build writes) and schemas/rails.schema.json (what
 * contributors write: the editor's completion, hover docs and inline errors for rails.yaml).
 */
import { writeJsonAtomically } from '../src/gate/report/report-file.ts';
import { PROOF_MAP_SCHEMA_FILE, proofMapJsonSchema, RAILS_SCHEMA_FILE, railsJsonSchema } from '../src/json-schemas.ts';

writeJsonAtomically(PROOF_MAP_SCHEMA_FILE, proofMapJsonSchema());
writeJsonAtomically(RAILS_SCHEMA_FILE, railsJsonSchema());
