/** What the look-alike ranking compares accounts by (app/models/look-alike.server.ts). */
export const TRAIT_KINDS = [
  "segment",
  "region",
  "acquisition",
  "first_product",
  "product",
  "tenure",
  "engagement",
] as const;
export type TraitKind = (typeof TRAIT_KINDS)[number];
