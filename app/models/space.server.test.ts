import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { statusOf } from "#db/testing/requests";
import {
  addSpaceMember,
  addSpaceObserver,
  createSpace,
  getSpaceForAdmin,
  getSpaceForViewer,
  listSpacesForAdmin,
  listSpacesForViewer,
  removeSpaceMember,
  removeSpaceObserver,
  setSpaceWatch,
  updateSpace,
} from "./space.server";
import { getThreadForViewer, markThreadRead } from "./thread.server";

describe("the numbers people see about spaces", () => {
  it("counts each space's own threads, its last activity and the viewer's unread threads", async () => {
    const reader = await createUser();
    const author = await createUser();
    const busy = await createTestSpace({ name: "Busy" });
    const quiet = await createTestSpace({ name: "Quiet" });
    const empty = await createTestSpace({ name: "Empty" });
    const first = await createTestThread(author, busy.id, { replies: 2 });
    await createTestThread(author, busy.id);
    const third = await createTestThread(author, busy.id);
    await createTestThread(author, quiet.id);
    const thread = await getThreadForViewer(reader, first.threadId);
    await markThreadRead(reader, first.threadId, thread!.lastPosition);

    const listed = new Map((await listSpacesForViewer(reader)).map((s) => [s.id, s]));
    expect(listed.get(busy.id)).toMatchObject({ threadCount: 3, unreadThreads: 2 });
    expect(listed.get(quiet.id)).toMatchObject({ threadCount: 1, unreadThreads: 1 });
    expect(listed.get(empty.id)).toMatchObject({
      threadCount: 0,
      unreadThreads: 0,
      lastActivityAt: null,
    });
    const latest = await getThreadForViewer(reader, third.threadId);
    expect(listed.get(busy.id)?.lastActivityAt?.getTime()).toBeGreaterThanOrEqual(
      new Date(latest!.createdAt).getTime(),
    );

    const admin = new Map((await listSpacesForAdmin()).map((s) => [s.id, s]));
    expect(admin.get(busy.id)).toMatchObject({ threads: 3, members: 0, observers: 0 });
    expect(admin.get(quiet.id)).toMatchObject({ threads: 1 });
  });

  it("counts each space's own members and observers, and whether this viewer watches it", async () => {
    const staff = await createUser({ role: "staff" });
    const watcher = await createUser();
    const room = await createTestSpace({ visibility: "private", name: "Room" });
    const other = await createTestSpace({ visibility: "private", name: "Other room" });
    await addSpaceMember(room.admin, room.id, watcher.handle);
    await addSpaceMember(room.admin, other.id, watcher.handle);
    await addSpaceMember(room.admin, other.id, staff.handle);
    await addSpaceObserver(room.admin, room.id, staff.handle);
    await setSpaceWatch(watcher, room.id, true);

    const admin = new Map((await listSpacesForAdmin()).map((s) => [s.id, s]));
    expect(admin.get(room.id)).toMatchObject({ members: 1, observers: 1, threads: 0 });
    expect(admin.get(other.id)).toMatchObject({ members: 2, observers: 0 });
    expect((await getSpaceForViewer(watcher, room.slug))?.watching).toBe(true);
    expect((await getSpaceForViewer(watcher, other.slug))?.watching).toBe(false);
  });
});

describe("who changes a space, whoever calls the model", () => {
  it("refuses spaces to all but admins, and their people lists to all but staff and admins", async () => {
    const room = await createTestSpace({ visibility: "private", name: "Room" });
    const insider = await createUser();
    const observer = await createUser({ role: "staff" });
    await addSpaceMember(room.admin, room.id, insider.handle);
    await addSpaceObserver(room.admin, room.id, observer.handle);
    const settings = {
      name: "Taken over",
      slug: `taken-${Date.now()}`,
      description: "",
      visibility: "members",
      minTier: null,
      ideasEnabled: false,
    } as const;
    const outsider = await createUser();
    for (const role of ["member", "moderator", "staff"] as const) {
      const actor = await createUser({ role });
      expect(await statusOf(() => createSpace(actor, settings)), role).toBe(403);
      expect(await statusOf(() => updateSpace(actor, room.id, settings)), role).toBe(403);
      if (role === "staff") continue;
      const people = [
        () => addSpaceMember(actor, room.id, outsider.handle),
        () => removeSpaceMember(actor, room.id, insider.id),
        () => addSpaceObserver(actor, room.id, actor.handle),
        () => removeSpaceObserver(actor, room.id, observer.id),
      ];
      for (const call of people) expect(await statusOf(call), role).toBe(403);
    }
    const after = await getSpaceForAdmin(room.id);
    expect(after?.space).toMatchObject({ name: "Room", visibility: "private" });
    expect(after?.members.map((m) => m.id)).toEqual([insider.id]);
    expect(after?.observers.map((o) => o.id)).toEqual([observer.id]);
    // Staff keep the people lists (the staff space page), as admins do.
    const staff = await createUser({ role: "staff" });
    await addSpaceMember(staff, room.id, outsider.handle);
    expect((await getSpaceForAdmin(room.id))?.members).toHaveLength(2);
  });
});
