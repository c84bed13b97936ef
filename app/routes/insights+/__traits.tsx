import { Link } from "@remix-run/react";
import type { TraitKind } from "~/utils/trait-kinds";

export const traitKindLabels: Record<TraitKind, string> = {
  segment: "Segment",
  region: "Region",
  acquisition: "Acquired through",
  first_product: "First product",
  product: "Uses",
  tenure: "Customer for",
  engagement: "Community",
};

/** An account's best-customer traits, each with its lift, strongest first. */
export function TraitList({
  traits,
}: {
  traits: { kind: TraitKind; value: string; lift: number }[];
}) {
  return (
    <ul className="trait-list">
      {traits.map((trait) => (
        <li key={`${trait.kind}:${trait.value}`}>
          {traitKindLabels[trait.kind]}: {trait.value}{" "}
          <span className="muted">×{trait.lift.toFixed(1)}</span>
        </li>
      ))}
    </ul>
  );
}

/** An account's page: which best-customer traits it has, and what they add up to. */
export function AccountTraits({
  inTopTiers,
  lookAlike,
}: {
  inTopTiers: boolean;
  lookAlike: { score: number; traits: { kind: TraitKind; value: string; lift: number }[] } | null;
}) {
  return (
    <section className="card stack" aria-labelledby="traits-heading">
      <h2 id="traits-heading">Best-customer traits</h2>
      {!lookAlike ? (
        <p className="muted">
          It shares none of the traits that are more common among top-tier accounts.{" "}
          <Link to="/insights/look-alikes">See the traits</Link>
        </p>
      ) : (
        <>
          <p>
            {inTopTiers
              ? "A top-tier account with these traits of the tier:"
              : `A look-alike: outside the top tiers, it shares ${lookAlike.traits.length} of their traits (score ${lookAlike.score.toFixed(1)}).`}{" "}
            <Link to="/insights/look-alikes">How this is worked out</Link>
          </p>
          <TraitList traits={lookAlike.traits} />
        </>
      )}
    </section>
  );
}
