export const roleLabels = {
  member: "Member",
  moderator: "Moderator",
  staff: "Staff",
  admin: "Admin",
} as const;

export const tierLabels = { top1: "Top 1%", top10: "Top 10%", rest: "Rest" } as const;
