// Explicit minimum digits: Node's ICU and browsers' disagree on the default ("$900.0M" vs "$900M"),
// which would make server and browser render different text.
const compactMoney = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});
const fullMoney = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const compactNumber = new Intl.NumberFormat("en-US", {
  notation: "compact",
  maximumFractionDigits: 1,
});

/** $4.3M for people; the exact amount belongs in a title attribute. */
export function formatMoneyCompact(cents: number): string {
  return compactMoney.format(cents / 100);
}

export function formatMoney(cents: number): string {
  return fullMoney.format(cents / 100);
}

export function formatPercent(fraction: number): string {
  return percent.format(fraction);
}

export function formatCount(value: number): string {
  return compactNumber.format(value);
}

/** Cents to the plain dollar string a form field shows: 12500050 → "125000.5". */
export function centsToInput(cents: number): string {
  return String(cents / 100);
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? "") + (parts.length > 1 ? parts[parts.length - 1][0] : "")
  ).toUpperCase();
}

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

/** A moment as people read it in a sentence ("4 December 2026, 09:30 UTC"), the same on every server. */
export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** A day as people read it in a sentence ("4 December 2026"), the same on every server. */
export function formatDate(date: Date | string): string {
  return dateFormat.format(typeof date === "string" ? new Date(date) : date);
}
