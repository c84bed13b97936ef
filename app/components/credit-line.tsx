import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export type Credits = {
  named: { name: string; handle: string }[];
  anonymous: { segment: string; count: number }[];
  others: number;
};

/** Named people shown before "and N more members". */
const NAMES_SHOWN = 8;

/** "a customer in Logistics", "3 customers in Enterprise", "2 customers". */
export function anonymousLabel({ segment, count }: { segment: string; count: number }) {
  const who = count === 1 ? "a customer" : `${count} customers`;
  return segment ? `${who} in ${segment}` : who;
}

/**
 * "Thanks to Nora, 3 customers in Enterprise and 4 other members", as each person agreed to be
 * credited: by name, anonymously, or only in the count.
 */
export function CreditLine({ credits }: { credits: Credits }) {
  const named = credits.named.slice(0, NAMES_SHOWN);
  const others = credits.others + credits.named.length - named.length;
  const parts: ReactNode[] = [
    ...named.map((person) => (
      <Link key={person.handle} to={`/u/${person.handle}`}>
        {person.name}
      </Link>
    )),
    ...credits.anonymous.map(anonymousLabel),
  ];
  if (others > 0) {
    parts.push(
      `${others} ${parts.length > 0 ? "other " : ""}${others === 1 ? "member" : "members"}`,
    );
  }
  if (parts.length === 0) return null;
  return (
    <p className="credits">
      Thanks to{" "}
      {parts.map((part, index) => (
        <span key={index}>
          {index === 0 ? null : index === parts.length - 1 ? " and " : ", "}
          {part}
        </span>
      ))}
      .
    </p>
  );
}
