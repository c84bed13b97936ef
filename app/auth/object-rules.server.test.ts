import { describe, expect, it } from "vitest";
import {
  decideContentModeration,
  decideMemberModeration,
  decideLearningAction,
  decidePostAction,
  decideThreadAction,
  editNeedsReason,
  postPermissions,
  proposalPermissions,
  threadPermissions,
  type PostState,
  type ProposalState,
} from "./policy.server";

const roles = ["member", "moderator", "staff", "admin"] as const;
const viewer = (role: (typeof roles)[number], id = `${role}-id`) => ({
  id,
  role,
  accountId: role === "member" ? "account" : null,
});
const reply = (authorId: string, over: Partial<PostState> = {}): PostState => ({
  authorId,
  authorRole: "member",
  position: 2,
  deleted: false,
  threadLocked: false,
  threadKind: "discussion",
  ...over,
});

describe("what each role may do to a post", () => {
  it("lets everyone reply, quote and react in an open thread, and nobody in a locked one", () => {
    for (const role of roles) {
      const open = postPermissions(viewer(role), reply("someone-else"));
      expect(open, role).toMatchObject({ reply: true, quote: true, react: true });
      const locked = postPermissions(viewer(role), reply("someone-else", { threadLocked: true }));
      expect(locked, role).toMatchObject({ reply: false, quote: false, react: false });
    }
  });

  it("lets authors edit and delete their own replies, but not the opening post, while open", () => {
    for (const role of roles) {
      const me = viewer(role);
      expect(postPermissions(me, reply(me.id)), role).toMatchObject({ edit: true, delete: true });
      expect(postPermissions(me, reply(me.id, { position: 1 })).delete, role).toBe(false);
      expect(editNeedsReason(me, reply(me.id)), role).toBe(false);
    }
    const author = viewer("member");
    expect(postPermissions(author, reply(author.id, { threadLocked: true }))).toMatchObject({
      edit: false,
      delete: false,
    });
  });

  it("lets moderators and admins edit others' words, with a reason; members and staff may not", () => {
    const others = reply("someone-else", { threadLocked: true });
    expect(decidePostAction(viewer("member"), others, "edit")).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(decidePostAction(viewer("staff"), others, "edit")).toMatchObject({
      ok: false,
      status: 403,
    });
    for (const role of ["moderator", "admin"] as const) {
      expect(decidePostAction(viewer(role), others, "edit"), role).toEqual({ ok: true });
      expect(editNeedsReason(viewer(role), others), role).toBe(true);
      expect(decidePostAction(viewer(role), others, "delete").ok, role).toBe(false);
    }
  });

  it("refuses everything on a deleted post", () => {
    for (const role of roles) {
      const gone = postPermissions(viewer(role), reply(`${role}-id`, { deleted: true }));
      expect(Object.values(gone).some(Boolean), role).toBe(false);
    }
  });
});

describe("what each role may do to a thread", () => {
  const open = {
    locked: false,
    space: { visibility: "members" },
    authorId: "member-author",
    authorRole: "member" as const,
  };
  it("pins and locks for moderators, staff and admins; chooses the welcome thread for admins", () => {
    expect(threadPermissions(viewer("member"), open)).toEqual({
      reply: true,
      watch: true,
      pin: false,
      lock: false,
      welcome: false,
      tag: false,
    });
    for (const role of ["moderator", "staff"] as const) {
      expect(threadPermissions(viewer(role), open), role).toMatchObject({
        pin: true,
        lock: true,
        welcome: false,
        // Tagging is staff triage; moderators keep order but don't sort the product's ideas.
        tag: role === "staff",
      });
    }
    expect(threadPermissions(viewer("admin"), open)).toMatchObject({
      pin: true,
      welcome: true,
      tag: true,
    });
  });

  it("keeps the welcome thread in a space every member can open", () => {
    const hidden = { ...open, space: { visibility: "private" } };
    expect(decideThreadAction(viewer("admin"), hidden, "welcome")).toMatchObject({
      ok: false,
      status: 409,
    });
  });
});

describe("what each role may do to a learning", () => {
  it("lets staff and admins publish, revise and accept corrections; members and moderators answer", () => {
    const learningText = reply("staff-author", {
      authorRole: "staff",
      position: 1,
      threadKind: "learning",
    });
    for (const role of roles) {
      const staffLike = role === "staff" || role === "admin";
      const open = { locked: false };
      expect(decideLearningAction(viewer(role), open, "publish").ok, role).toBe(staffLike);
      expect(decideLearningAction(viewer(role), open, "accept-correction").ok, role).toBe(
        staffLike,
      );
      expect(decideLearningAction(viewer(role), open, "respond").ok, role).toBe(!staffLike);
      expect(decideLearningAction(viewer(role), { locked: true }, "respond").ok, role).toBe(false);
      // Any staff member revises the company's learning; moderators edit only members' words.
      expect(decidePostAction(viewer(role), learningText, "edit").ok, role).toBe(staffLike);
    }
    // A reply in a learning thread is still its author's own.
    const memberReply = reply("member-id", { threadKind: "learning" });
    expect(decidePostAction(viewer("staff"), memberReply, "edit").ok).toBe(false);
  });
});

describe("what each role may do to a proposal", () => {
  const proposal = (over: Partial<ProposalState> = {}): ProposalState => ({
    stage: "open",
    locked: false,
    part: null,
    ...over,
  });

  it("lets only co-authors edit and open it, and only its author invite, whatever the role", () => {
    for (const role of roles) {
      const reader = proposalPermissions(viewer(role), proposal());
      expect(reader, role).toMatchObject({
        edit: false,
        invite: false,
        open: false,
        comment: true,
      });
      const coauthor = proposalPermissions(
        viewer(role),
        proposal({ part: "coauthor", stage: "draft" }),
      );
      expect(coauthor, role).toMatchObject({ edit: true, invite: false, open: true });
      const author = proposalPermissions(viewer(role), proposal({ part: "author" }));
      expect(author, role).toMatchObject({ edit: true, invite: true, open: false });
      const invited = proposalPermissions(viewer(role), proposal({ part: "invited" }));
      expect(invited, role).toMatchObject({ edit: false, "respond-invite": true });
      // Decided: the text is final and nobody joins.
      const decided = proposalPermissions(
        viewer(role),
        proposal({ part: "author", stage: "accepted" }),
      );
      expect(decided, role).toMatchObject({ edit: false, invite: false });
    }
  });

  it("lets staff and admins move stages and resolve comments; customers endorse others' proposals", () => {
    for (const role of roles) {
      const staffLike = role === "staff" || role === "admin";
      const reader = proposalPermissions(viewer(role), proposal());
      expect(reader["set-stage"], role).toBe(staffLike);
      expect(reader["resolve-comment"], role).toBe(staffLike);
      expect(reader.endorse, role).toBe(role === "member");
      expect(proposalPermissions(viewer(role), proposal({ stage: "draft" })).endorse, role).toBe(
        false,
      );
      expect(proposalPermissions(viewer(role), proposal({ part: "coauthor" })).endorse, role).toBe(
        false,
      );
      // A lock freezes everything but staff's stage moves.
      const locked = proposalPermissions(viewer(role), proposal({ part: "author", locked: true }));
      expect(locked, role).toMatchObject({ edit: false, comment: false, endorse: false });
      expect(locked["set-stage"], role).toBe(staffLike);
    }
  });

  it("sends the opening post of a proposal to its own editor, for everyone", () => {
    const opening = reply("member-id", { position: 1, threadKind: "proposal" });
    for (const role of roles) {
      expect(decidePostAction(viewer(role), opening, "edit").ok, role).toBe(false);
    }
  });
});

describe("who moderates what", () => {
  const content = (
    authorRole: (typeof roles)[number],
    state: "held" | "hidden" | "removed" | null = null,
  ) => ({
    authorId: `${authorRole}-author`,
    authorRole,
    state,
  });

  it("lets moderators, staff and admins hide members' posts, and nobody else", () => {
    expect(
      roles.map((role) => decideContentModeration(viewer(role), content("member"), "hide").ok),
    ).toEqual([false, true, true, true]);
  });

  it("keeps moderators off moderators', staff's and admins' words; staff act on moderators; nobody on admins", () => {
    const allowed = (role: (typeof roles)[number], author: (typeof roles)[number]) =>
      decideContentModeration(viewer(role), content(author), "hide").ok;
    expect(
      ["moderator", "staff", "admin"].map((author) => allowed("moderator", author as never)),
    ).toEqual([false, false, false]);
    expect(allowed("staff", "moderator")).toBe(true);
    expect(allowed("staff", "admin")).toBe(false);
    expect(allowed("admin", "staff")).toBe(true);
    expect(allowed("admin", "admin")).toBe(false);
  });

  it("answers a late second decision with a conflict, and keeps restoring removed posts to admins", () => {
    expect(
      decideContentModeration(viewer("moderator"), content("member", "hidden"), "hide"),
    ).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(
      decideContentModeration(viewer("moderator"), content("member", null), "approve"),
    ).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(
      decideContentModeration(viewer("moderator"), content("member", "removed"), "restore-removed")
        .ok,
    ).toBe(false);
    expect(
      decideContentModeration(viewer("admin"), content("member", "removed"), "restore-removed").ok,
    ).toBe(true);
  });

  it("lets moderators silence members, staff and admins silence moderators, and nobody an admin or themselves", () => {
    const may = (role: (typeof roles)[number], target: (typeof roles)[number]) =>
      decideMemberModeration(viewer(role), { id: `${target}-target`, role: target }, "silence").ok;
    expect(roles.map((role) => may(role, "member"))).toEqual([false, true, true, true]);
    expect(roles.map((role) => may(role, "moderator"))).toEqual([false, false, true, true]);
    expect(roles.map((role) => may(role, "admin"))).toEqual([false, false, false, false]);
    expect(
      decideMemberModeration(viewer("admin"), { id: "admin-id", role: "admin" }, "silence").ok,
    ).toBe(false);
  });
});
