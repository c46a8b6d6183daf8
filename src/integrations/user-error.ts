import { AstroError } from 'astro/errors';

/**
 * An error about the user's input: what and how to fix it, without a stack trace (the stack
 * would point into this integration, not at the page or YAML line the report names).
 */
export function userError(message: string, hint: string): AstroError {
  const error = new AstroError(message, hint);
  error.stack = '';
  return error;
}
