import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createAccount,
  createTestProposal,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { nameAuditReferences } from "./audit-names.server";
import { createBacklogItem } from "./backlog.server";
import { createTag } from "./tag.server";

// The moderation log names what its entries point at. Each name is shown by the rule that shows
// the thing itself: a moderator who is not staff gets no name of a backlog item, an account, an
// internal tag, a private space or its threads and posts, or a draft proposal.

async function references() {
  const admin = await createUser({ role: "admin" });
  const staff = await createUser({ role: "staff" });
  const open = await createTestSpace({ name: "Open space" });
  const secret = await createTestSpace({ visibility: "private", name: "Board room" });
  const openThread = await createTestThread(admin, open.id, { title: "Open chat" });
  const secretThread = await createTestThread(admin, secret.id, { title: "Board plans" });
  const draft = await createTestProposal(await createUser(), open.id, { title: "Draft merger" });
  const itemId = await createBacklogItem(
    staff,
    {
      title: "Secret roadmap bet",
      description: null,
      ownerId: null,
      target: "",
      externalUrl: null,
      isPublic: false,
      tagIds: [],
    },
    null,
  );
  const account = await createAccount({
    name: `Megacorp Holdings ${randomBytes(4).toString("hex")}`,
  });
  const internal = await createTag(staff, {
    name: `churn-risk-${randomBytes(4).toString("hex")}`,
    color: "red",
    groupName: null,
    visibility: "internal",
  });
  const entries = [
    { targetType: "backlog_item", targetId: itemId, details: {} },
    { targetType: "account", targetId: account.id, details: {} },
    { targetType: "tag", targetId: internal, details: {} },
    { targetType: "space", targetId: secret.id, details: {} },
    {
      targetType: "thread",
      targetId: openThread.threadId,
      details: { into: secretThread.threadId },
    },
    {
      targetType: "post",
      targetId: openThread.postId,
      details: { correction: secretThread.postId },
    },
    { targetType: "triage", targetId: `thread:${draft.threadId}`, details: { tagId: internal } },
    { targetType: "triage", targetId: `post:${secretThread.postId}`, details: {} },
    {
      targetType: "thread",
      targetId: openThread.threadId,
      details: { threadId: openThread.threadId },
    },
  ];
  return { entries, itemId, account, internal, secret, secretThread, draft, openThread };
}

const SECRET_NAMES = [
  "Secret roadmap bet",
  "Megacorp Holdings",
  "churn-risk",
  "Board room",
  "Board plans",
  "Draft merger",
];

describe("names in the moderation log", () => {
  it("never tell a moderator who is not staff what they may not see", async () => {
    const r = await references();
    const moderator = await createUser({ role: "moderator" });
    const names = await nameAuditReferences(moderator, r.entries);
    const text = JSON.stringify(names);
    for (const secret of SECRET_NAMES) expect(text).not.toContain(secret);
    // What they may see is still named.
    expect(names[r.openThread.threadId]).toBe("Open chat");
  });

  it("name for staff the backlog, internal tags and private threads, and accounts for those who read them", async () => {
    const r = await references();
    const staff = await createUser({ role: "staff" });
    const names = await nameAuditReferences(staff, r.entries);
    expect(names[r.itemId]).toBe("Secret roadmap bet");
    expect(names[r.internal]).toMatch(/^churn-risk-/);
    expect(names[r.secretThread.threadId]).toBe("Board plans");
    const admin = await createUser({ role: "admin" });
    expect((await nameAuditReferences(admin, r.entries))[r.account.id]).toBe(r.account.name);
  });

  it("tell a member nothing either, should the log ever reach one", async () => {
    const r = await references();
    const member = await createUser();
    const text = JSON.stringify(await nameAuditReferences(member, r.entries));
    for (const secret of SECRET_NAMES) expect(text).not.toContain(secret);
  });
});
