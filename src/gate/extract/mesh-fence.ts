/**
 * ` ```mesh ` fences of a page, with a locator to the page and the on-purpose mark. The mark is
 * the one shell fences use, `gate-skip="why"` in the fence meta (one convention for every
 * fence): a marked block is not checked; a mark without a reason is itself a finding.
 */
import type { Code } from 'mdast';
import { fenceSkip, fenceText } from './code-fence.ts';
import type { LineIndex, Locator } from '../../core/positions.ts';
import type { Diagnostic } from '../../core/types.ts';

/** Fence languages read as Mesh. */
export const MESH_LANGS: readonly string[] = ['mesh'];

export interface MeshBlock {
  text: string;
  /** Offset in `text` to its place in the page. */
  locate: Locator;
  /** Where each line of `text` starts in the page: `locate` as data (kept-pages.ts keeps this, not the function). */
  pieceStarts: number[];
  /** Set when the fence is marked `gate-skip="why"`. */
  skipReason?: string;
  /** A `gate-skip` without a reason. */
  markDiagnostic?: Diagnostic;
}

export function meshBlock(node: Code, index: LineIndex): MeshBlock | undefined {
  if (!MESH_LANGS.includes((node.lang ?? '').toLowerCase()) || !node.position || node.value.trim() === '') return undefined;
  const { text, locate, pieceStarts } = fenceText(node, index);
  const skip = fenceSkip(node, index);
  const block: MeshBlock = { text, locate, pieceStarts };
  if (skip.reason) block.skipReason = skip.reason;
  if (skip.diagnostic) {
    block.markDiagnostic = {
      ...skip.diagnostic,
      code: 'mesh-api-mark-no-reason',
      message: 'The Mesh fence is marked gate-skip without a quoted reason, so its API references are still checked.',
      suggestion: 'Say why the block cannot be checked, in quotes: ```mesh gate-skip="pseudo-code for an API that is yet to ship".',
    };
  }
  return block;
}
