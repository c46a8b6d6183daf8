/** What the integration's hooks share within one Astro run (one process, one module graph). */
import type { MeshDocsConfig } from '../config/mesh-docs-config.ts';
import type { GateOutcome } from '../gate/cli.ts';
import type { BuiltSiteOutcome } from '../built-site/check-built-site.ts';

export interface RunState {
  /** Set by astro:config:setup, from the site's options or the setup astro.config.mjs made. */
  config?: MeshDocsConfig;
  /** Astro's `base`: the URL path the built site is served under (`/` unless astro.config.mjs sets one). */
  base?: string;
  /** Runs the gate and hands its result to pages (dev re-runs it on every save). */
  runGateOnce?: () => Promise<GateOutcome>;
  lastGate?: GateOutcome;
  /** The build's one gate run, awaited where its result is needed. */
  buildGate?: Promise<GateOutcome>;
  /** The link scan of dist/, started after the build and awaited by the verdict integration. */
  builtSite?: Promise<BuiltSiteOutcome>;
}
