import { initials } from "~/utils/format";

/**
 * A person's initials in a circle. The letters come from CSS, not the DOM, so they are not part
 * of the visible text of a control that holds them (the name beside them is what people read).
 */
export function Avatar({ name, size }: { name: string; size?: "large" }) {
  return (
    <span
      className={size === "large" ? "avatar avatar-large" : "avatar"}
      aria-hidden="true"
      data-initials={initials(name)}
    />
  );
}
