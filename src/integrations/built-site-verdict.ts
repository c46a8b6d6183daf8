import type { AstroIntegration } from 'astro';
import { closeSearchService } from '../built-site/rail-search-index.ts';
import type { BuiltSiteOutcome } from '../built-site/check-built-site.ts';
import { userError } from './user-error.ts';

/**
 * The built-site check's verdict, as an integration of its own that the build adds after every
 * other (so after Starlight's search index): fails the build on a broken link, fragment or asset.
 */
export function builtSiteVerdict(scan: () => Promise<BuiltSiteOutcome> | undefined): AstroIntegration {
  return {
    name: 'mesh-docs:built-site',
    hooks: {
      'astro:build:done': async () => {
        await closeSearchService();
        const pending = scan();
        if (!pending) throw userError('The built-site check never started.', 'This is a bug in the mesh-docs integration; report it with the build output.');
        const outcome = await pending.catch((error: unknown) => {
          throw userError(`The built-site check stopped: ${(error as Error)?.message ?? String(error)}`, 'Build again; if it stops again, report it with the build output.');
        });
        if (outcome.errors > 0) {
          throw userError(
            `The built site has ${outcome.errors} broken link(s), fragment(s) or asset(s) (orphan pages count in a strict build); see the lines above.`,
            'Fix the source page named in each line (or add the missing file under public/), then build again.',
          );
        }
      },
    },
  };
}
