import { describe, expect, it } from "vitest";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { db } from "~/db.server";
import { answerConsent } from "./consent.server";
import {
  buildDataExport,
  EXPORTS_PER_DAY,
  getMyDataExportFile,
  listMyDataExports,
  requestDataExport,
} from "./data-export.server";
import { listNotificationGroups } from "./notification-inbox.server";
import { removeSpaceMember, addSpaceMember } from "./space.server";

async function exportOf(person: Awaited<ReturnType<typeof createUser>>) {
  const id = await requestDataExport(person);
  const built = await buildDataExport(id);
  expect(built?.exportId).toBe(id);
  const file = await getMyDataExportFile(person, id);
  return { id, data: JSON.parse(file!.content) };
}

describe("a member's data export", () => {
  it("holds their posts, votes' notes, consents and sessions, and tells them it is ready", async () => {
    const member = await createUser({ displayName: "Exporting Eve" });
    const space = await createTestSpace();
    const thread = await createTestThread(member, space.id, {
      title: "Our rollout plan",
      body: "We roll out region by region.",
    });
    await createTestReply(member, thread.threadId, "And the last region goes in June.");
    await answerConsent(member, "quote", "no", "my_data");

    const { data } = await exportOf(member);
    expect(data).toMatchObject({
      format: "vanguard-member-data",
      version: 1,
      profile: { email: member.email, handle: member.handle },
    });
    expect(data.posts.map((p: { text: string }) => p.text).sort()).toEqual([
      "And the last region goes in June.",
      "We roll out region by region.",
    ]);
    expect(data.posts[0].threadTitle).toBe("Our rollout plan");
    expect(data.consents.ledger).toEqual([
      expect.objectContaining({ purpose: "quote", answer: "no", source: "my_data" }),
    ]);
    const { groups } = await listNotificationGroups(member, 1);
    expect(groups.map((g) => g.kind)).toEqual(["data_export_ready"]);
  });

  it("names no thread the member can no longer see, and no one else's data", async () => {
    const member = await createUser();
    const other = await createUser({ displayName: "Someone Else" });
    const room = await createTestSpace({ visibility: "private" });
    await addSpaceMember(room.admin, room.id, member.handle);
    const secret = await createTestThread(other, room.id, { title: "Board-only plans" });
    await createTestReply(member, secret.threadId, "My answer in the private room.");
    await removeSpaceMember(room.admin, room.id, member.id);

    const { id, data } = await exportOf(member);
    const text = JSON.stringify(data);
    expect(text).toContain("My answer in the private room.");
    expect(text).not.toContain("Board-only plans");
    expect(text).not.toContain(other.email);
    // Another person can't download it, whatever id they send.
    expect(await getMyDataExportFile(other, id)).toBeNull();
  });

  it("builds one at a time, a few a day, and each job once", async () => {
    const member = await createUser();
    const first = await requestDataExport(member);
    await expect(requestDataExport(member)).rejects.toMatchObject({ status: 409 });
    await buildDataExport(first);
    expect(await buildDataExport(first)).toBeNull();
    for (let i = 1; i < EXPORTS_PER_DAY; i++)
      await buildDataExport(await requestDataExport(member));
    await expect(requestDataExport(member)).rejects.toMatchObject({ status: 429 });
    const listed = await listMyDataExports(member);
    expect(listed.map((e) => e.state)).toEqual(Array(EXPORTS_PER_DAY).fill("ready"));
  });

  it("serves nothing once the copy has expired", async () => {
    const member = await createUser();
    const { id } = await exportOf(member);
    await db.execute(
      `update data_exports set expires_at = now() - interval '1 minute' where id = '${id}'`,
    );
    expect(await getMyDataExportFile(member, id)).toBeNull();
  });
});
