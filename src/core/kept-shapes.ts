/**
 * zod shapes of the plain data the gate keeps on disk between runs (readings in
 * repo/reading-cache.ts): a kept value is checked against its shape before use.
 */
import { z } from 'zod';

export const positionSchema = z.object({ file: z.string(), line: z.number(), column: z.number() });

/** A finding with no related place and no fix, of one of `codes`. */
export function plainDiagnosticSchema<const Codes extends readonly [string, ...string[]]>(codes: Codes) {
  return z.object({
    code: z.enum(codes),
    severity: z.enum(['error', 'warning']),
    position: positionSchema,
    subject: z.string(),
    message: z.string(),
    suggestion: z.string().optional(),
  });
}
