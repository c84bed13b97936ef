import type { Observer } from "~/models/space.server";

/** Observation is disclosed, never hidden: every space with observers says who they are. */
export function ObserverNotice({ observers }: { observers: Observer[] }) {
  if (observers.length === 0) {
    return (
      <p className="observers">
        <strong>Staff in this space:</strong> nobody is named as an observer here. The company's
        staff and admins can open every space (for support and moderation) and post under their own
        names.
      </p>
    );
  }
  const names = observers.map((o) => o.displayName);
  const list =
    names.length === 1
      ? names[0]
      : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return (
    <p className="observers">
      <strong>Observed by staff:</strong> {list} {observers.length === 1 ? "reads" : "read"} this
      space to learn from members. Other staff and admins can open it too. Staff take part openly
      when they post.
    </p>
  );
}
