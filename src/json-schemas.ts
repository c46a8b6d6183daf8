/**
 * The JSON Schemas the project commits, each generated from its zod shape so the two can never
 * disagree (a test compares the committed files with these). rails.yaml is input a person
 * writes, so its schema describes the input side: fields with a default are optional.
 */
import path from 'node:path';
import { z } from 'zod';
import { ProofMapSchema } from './proof-map/map-schema.ts';
import { RailsFileSchema } from './rails/schema.ts';

const SCHEMAS = path.resolve(import.meta.dirname, '../schemas');
export const PROOF_MAP_SCHEMA_FILE = path.join(SCHEMAS, 'proof-map.schema.json');
export const RAILS_SCHEMA_FILE = path.join(SCHEMAS, 'rails.schema.json');

export function proofMapJsonSchema(): Record<string, unknown> {
  return { $id: 'proof-map.schema.json', title: 'Mesh proof map', ...z.toJSONSchema(ProofMapSchema) };
}

export function railsJsonSchema(): Record<string, unknown> {
  return {
    $id: 'rails.schema.json',
    title: 'Mesh rails (src/data/rails.yaml)',
    description: 'The one source of the Mesh proof map. The gate (`npm run check`) also checks what a schema cannot: ids that must exist, page files, commands against the repo, relations against the scripts.',
    ...z.toJSONSchema(RailsFileSchema, { io: 'input' }),
  };
}
