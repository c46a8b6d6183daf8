/**
 * Dev-only middleware: while the rails YAML is broken, a page would render as a blank 200. It
 * throws instead, so Astro's error overlay shows the gate's findings (`file:line:col`, what,
 * fix) in the browser. Registered only for `astro dev`.
 */
import type { MiddlewareHandler } from 'astro';
import { AstroError } from 'astro/errors';
import { devGateBlocker } from './dev-gate-state.ts';

export const onRequest: MiddlewareHandler = (_context, next) => {
  const report = devGateBlocker();
  if (report === undefined) return next();
  const error = new AstroError(
    `The docs-truth gate found errors that stop pages from rendering:\n\n${report}`,
    'Fix the rails.yaml lines named above and save; the page reloads when the gate passes again.',
  );
  error.stack = '';
  throw error;
};
