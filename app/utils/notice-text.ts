/** What a moderator's notice says, in the app and by email: "A moderator hid your reply in “…”". */
export function noticeHeadline(
  kind: "moderation_notice" | "appeal_reply",
  action: string | null,
  subject: string | null,
): string {
  const about = subject ?? "something you wrote";
  if (kind === "appeal_reply") return `The moderators answered you about ${about}`;
  switch (action) {
    case "hidden":
      return `A moderator hid ${about}`;
    case "removed":
      return `A moderator removed ${about}`;
    case "edited":
      return `A moderator edited ${about}`;
    case "moved":
      return `A moderator moved ${about}`;
    case "merged":
      return `A moderator merged ${about}`;
    case "held":
      return `Members' flags put ${about} on hold for review`;
    case "silenced":
      return "A moderator silenced you for a while";
    case "suspended":
      return "A moderator suspended your membership";
    default:
      return `A moderator acted on ${about}`;
  }
}
