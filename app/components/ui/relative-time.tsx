import { formatDistanceToNowStrict } from "date-fns";

export function exactTime(value: Date): string {
  return value.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

/**
 * "3 days ago", with the exact time on hover and keyboard focus. Inside a link, pass
 * `focusable={false}` (the link itself takes focus and carries the exact time).
 */
export function RelativeTime({
  date,
  focusable = true,
}: {
  date: string | Date | null;
  focusable?: boolean;
}) {
  if (!date) return <span className="muted">never</span>;
  const value = typeof date === "string" ? new Date(date) : date;
  const seconds = (Date.now() - value.getTime()) / 1000;
  return (
    <time
      dateTime={value.toISOString()}
      title={exactTime(value)}
      tabIndex={focusable ? 0 : undefined}
      suppressHydrationWarning
    >
      {seconds >= 0 && seconds < 45
        ? "just now"
        : formatDistanceToNowStrict(value, { addSuffix: true })}
    </time>
  );
}
