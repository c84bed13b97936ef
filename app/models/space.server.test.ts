import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import {
  addSpaceMember,
  addSpaceObserver,
  getSpaceForViewer,
  listSpacesForAdmin,
  listSpacesForViewer,
  setSpaceWatch,
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
    await addSpaceMember(room.adminId, room.id, watcher.handle);
    await addSpaceMember(room.adminId, other.id, watcher.handle);
    await addSpaceMember(room.adminId, other.id, staff.handle);
    await addSpaceObserver(room.adminId, room.id, staff.handle);
    await setSpaceWatch(watcher, room.id, true);

    const admin = new Map((await listSpacesForAdmin()).map((s) => [s.id, s]));
    expect(admin.get(room.id)).toMatchObject({ members: 1, observers: 1, threads: 0 });
    expect(admin.get(other.id)).toMatchObject({ members: 2, observers: 0 });
    expect((await getSpaceForViewer(watcher, room.slug))?.watching).toBe(true);
    expect((await getSpaceForViewer(watcher, other.slug))?.watching).toBe(false);
  });
});
