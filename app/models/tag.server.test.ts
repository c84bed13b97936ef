import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { decideThreadAction, type Viewer } from "~/auth/policy.server";
import { listIdeasBoard } from "./idea.server";
import { searchPosts } from "./search.server";
import {
  createTag,
  deleteTag,
  listTagsForViewer,
  listTagsWithUses,
  listThreadTags,
  mergeTags,
  tagThread,
  untagThread,
  updateTag,
} from "./tag.server";

const unique = () => Math.random().toString(36).slice(2, 8);

async function taggedIdea() {
  const staff = await createUser({ role: "staff" });
  const space = await createTestSpace({ ideasEnabled: true });
  const { threadId } = await createTestThread(await createUser(), space.id, {
    kind: "idea",
    title: "Bulk export of invoices",
  });
  const publicName = `Billing ${unique()}`;
  const internalName = `Churn risk ${unique()}`;
  const publicId = await createTag(staff, {
    name: publicName,
    color: "blue",
    groupName: "Product area",
    visibility: "public",
  });
  const internalId = await createTag(staff, {
    name: internalName,
    color: "red",
    groupName: null,
    visibility: "internal",
  });
  await tagThread(staff, threadId, publicName.toUpperCase());
  await tagThread(staff, threadId, internalName);
  return { staff, space, threadId, publicId, internalId, publicName, internalName };
}

describe("tags", () => {
  it("are added by name in any case, once, and removed", async () => {
    const { staff, threadId, publicId, publicName } = await taggedIdea();
    await tagThread(staff, threadId, publicName);
    expect((await listThreadTags(staff, [threadId]))[threadId]).toHaveLength(2);
    await expect(tagThread(staff, threadId, "No such tag here")).rejects.toMatchObject({
      status: 400,
      field: "tag",
    });
    await untagThread(staff, threadId, publicId);
    expect((await listThreadTags(staff, [threadId]))[threadId]).toHaveLength(1);
  });

  it("keep internal tags from members on the thread, the board, the filter and search", async () => {
    const { staff, space, threadId, publicId, internalId, internalName } = await taggedIdea();
    const viewers: [string, Viewer, boolean][] = [
      ["member", await createUser(), false],
      ["moderator", await createUser({ role: "moderator" }), false],
      ["staff", staff, true],
      ["admin", await createUser({ role: "admin" }), true],
    ];
    for (const [role, viewer, seesInternal] of viewers) {
      const onThread = (await listThreadTags(viewer, [threadId]))[threadId].map((t) => t.id);
      expect(onThread, role).toEqual(seesInternal ? [publicId, internalId] : [publicId]);
      const options = (await listTagsForViewer(viewer)).map((t) => t.id);
      expect(options.includes(internalId), role).toBe(seesInternal);
      const board = (tagId: string) =>
        listIdeasBoard(viewer, { sort: "top", spaceSlug: space.slug, tagId, page: 1 });
      expect(
        (await board(publicId)).ideas.map((i) => i.id),
        role,
      ).toEqual([threadId]);
      // Filtering by an internal tag a member can't see finds nothing, as an unknown tag would.
      expect(
        (await board(internalId)).ideas.map((i) => i.id),
        role,
      ).toEqual(seesInternal ? [threadId] : []);
      const found = await searchPosts(viewer, { q: "churn risk", page: 1 });
      expect(JSON.stringify(found), role).not.toContain(internalName);
    }
  });

  it("are tagged by staff and admins only", async () => {
    const thread = {
      locked: true,
      space: { visibility: "members" },
      authorId: null,
      authorRole: null,
    };
    for (const role of ["member", "moderator"] as const) {
      expect(decideThreadAction(await createUser({ role }), thread, "tag").ok, role).toBe(false);
    }
    for (const role of ["staff", "admin"] as const) {
      expect(decideThreadAction(await createUser({ role }), thread, "tag").ok, role).toBe(true);
    }
  });

  it("rename, merge (every use moves, once) and delete", async () => {
    const { staff, threadId, publicId, internalId, publicName } = await taggedIdea();
    await expect(
      updateTag(staff, internalId, {
        name: publicName.toLowerCase(),
        color: "red",
        groupName: null,
        visibility: "internal",
      }),
    ).rejects.toMatchObject({ status: 409, field: "name" });
    const other = await createTestThread(staff, (await createTestSpace()).id, {});
    await tagThread(staff, other.threadId, publicName);
    const { threadsGained } = await mergeTags(staff, publicId, internalId);
    // The idea had both tags already; only the other thread gains the internal one.
    expect(threadsGained).toBe(1);
    const tags = await listThreadTags(staff, [threadId, other.threadId]);
    expect(tags[threadId].map((t) => t.id)).toEqual([internalId]);
    expect(tags[other.threadId].map((t) => t.id)).toEqual([internalId]);
    expect((await listTagsWithUses()).find((t) => t.id === internalId)?.uses).toBe(2);
    expect((await listTagsWithUses()).some((t) => t.id === publicId)).toBe(false);
    await deleteTag(staff, internalId);
    expect(await listThreadTags(staff, [threadId, other.threadId])).toEqual({});
  });

  it("are managed and put on threads by staff and admins only, whoever calls the model", async () => {
    const { threadId, publicId, internalId, publicName } = await taggedIdea();
    const fields = { name: `Nope ${unique()}`, color: "blue", groupName: null } as const;
    for (const role of ["member", "moderator"] as const) {
      const actor = await createUser({ role });
      const calls = [
        () => createTag(actor, { ...fields, visibility: "public" }),
        () => updateTag(actor, publicId, { ...fields, visibility: "public" }),
        () => mergeTags(actor, publicId, internalId),
        () => deleteTag(actor, internalId),
        () => tagThread(actor, threadId, publicName),
        () => untagThread(actor, threadId, publicId),
      ];
      for (const call of calls) {
        await expect(call(), role).rejects.toMatchObject({ status: 403 });
      }
    }
    // Nothing changed: both tags are still there, on the thread, under their names.
    const tags = await listTagsWithUses();
    expect(tags.find((t) => t.id === publicId)).toMatchObject({ name: publicName, uses: 1 });
    expect(tags.find((t) => t.id === internalId)).toMatchObject({ uses: 1 });
    expect(tags.some((t) => t.name === fields.name)).toBe(false);
  });
});
