/** What page extraction hands to the gate's checkers. */
import type { CommandOccurrence, Diagnostic, SourcePosition } from '../../core/types.ts';
import type { MeshBlock } from './mesh-fence.ts';

/** A link target shown in a page, for the link checker. */
export interface LinkOccurrence {
  /** The target as written (`../clustered-example/`, `https://...`, `#fragment`). */
  url: string;
  /** Where the link (or definition) starts; for a generated link, its nearest positioned ancestor. */
  position: SourcePosition;
  /** `link` for inline links and autolinks, `definition` for `[label]: url`. */
  kind: 'link' | 'definition';
  /** True when a directive plugin generated the link (its target comes from the rails YAML). */
  generated?: boolean;
  /** For a generated link: the rails.yaml entry it came from (`position` is then the directive's). */
  source?: SourcePosition;
}

export interface MarkdownExtract {
  commands: CommandOccurrence[];
  diagnostics: Diagnostic[];
  links: LinkOccurrence[];
  /** Heading slugs (github-slugger, as Astro computes ids) in document order, generated ones included. */
  headings: string[];
  /** Ids set on other nodes (`data.hProperties.id`, such as failure-map rows): link targets too. */
  anchors: string[];
  /** Inline code that is not a command, for the repo-path check (`examples/x/README.md`). */
  inlineCode: Array<{ value: string; position: SourcePosition }>;
  /** ` ```mesh ` fences, for the Mesh API check. */
  meshBlocks: MeshBlock[];
}
