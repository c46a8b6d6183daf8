/** `npm run schema`: regenerates schemas/proof-map.schema.json from the zod shape. */
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomically } from '../src/gate/report/report-file.ts';
import { ProofMapSchema } from '../src/proof-map/map-schema.ts';

export const SCHEMA_FILE = path.resolve(import.meta.dirname, '../schemas/proof-map.schema.json');
writeJsonAtomically(SCHEMA_FILE, { $id: 'proof-map.schema.json', title: 'Mesh proof map', ...z.toJSONSchema(ProofMapSchema) });
