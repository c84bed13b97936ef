/** The reminders a bookmark offers, in the order the menu lists them; `hours` from now. */
export const BOOKMARK_REMINDERS = {
  none: { label: "No reminder", hours: null },
  hour: { label: "In 1 hour", hours: 1 },
  tomorrow: { label: "Tomorrow (in 24 hours)", hours: 24 },
  week: { label: "Next week (in 7 days)", hours: 168 },
} as const;
export type BookmarkReminder = keyof typeof BOOKMARK_REMINDERS;
export const BOOKMARK_REMINDER_CHOICES = Object.keys(BOOKMARK_REMINDERS) as BookmarkReminder[];
