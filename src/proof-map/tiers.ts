import type { Tier } from '../rails/schema.ts';

/** How each tier is introduced in generated sections. */
export const TIER_TITLES: Record<Tier, string> = {
  public: 'Public starter chain (generated PostgreSQL starter)',
  maintainer: 'Maintainer rails behind Production Backend Proof',
  reference: 'Read-only reference environment',
  retained: 'Retained rails',
  historical: 'Historical compatibility aliases',
  fixture: 'Retained fixture contracts',
  docs: 'This docs site',
};

/** Tiers the retained-rails list shows. */
export const RETAINED_TIERS: readonly Tier[] = ['retained', 'historical', 'fixture'];
