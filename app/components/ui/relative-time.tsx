import { formatDistanceToNowStrict } from "date-fns";

/** "3 days ago", with the exact time on hover and focus. */
export function RelativeTime({ date }: { date: string | Date | null }) {
  if (!date) return <span className="muted">never</span>;
  const value = typeof date === "string" ? new Date(date) : date;
  const exact = value.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  return (
    <time dateTime={value.toISOString()} title={exact} tabIndex={0} suppressHydrationWarning>
      {formatDistanceToNowStrict(value, { addSuffix: true })}
    </time>
  );
}
