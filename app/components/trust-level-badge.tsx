import { Badge } from "~/components/ui/badge";
import { TRUST_LEVEL_RULES, trustLevelLabel, type TrustLevel } from "~/utils/trust-levels";

/**
 * A person's trust level, for moderators: "Trust level 2 · Regular". What the level means shows
 * on hover and is read out by screen readers.
 */
export function TrustLevelBadge({ level }: { level: TrustLevel }) {
  const description = TRUST_LEVEL_RULES.find((rule) => rule.level === level)?.description;
  return (
    <span title={description}>
      <Badge tone={level >= 2 ? "success" : "neutral"}>{trustLevelLabel(level)}</Badge>
      {description ? <span className="visually-hidden"> ({description})</span> : null}
    </span>
  );
}
