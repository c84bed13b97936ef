import {
  createTestAnnouncedReply,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  test,
} from "./fixtures";

test("a busy thread is one notification with its count and people, marked read as a whole", async ({
  page,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Operations ${run}` });
  const member = await createUser({ displayName: "Grouped Gina" });
  const [sam, ana, bo, cy] = await Promise.all(
    ["Sam Sender", "Ana Answer", "Bo Busy", "Cy Chime"].map((displayName) =>
      createUser({ displayName }),
    ),
  );
  // Gina started both threads, so she watches them.
  const busy = await createTestThread(member, space.id, { title: `Carrier rates ${run}` });
  const asked = await createTestThread(member, space.id, { title: `Dock doors ${run}` });
  const first = await createTestAnnouncedReply(sam, busy.threadId, "Our rates went up 12%.");
  await createTestAnnouncedReply(ana, busy.threadId, "Ours too, in the north.");
  await createTestAnnouncedReply(bo, busy.threadId, "We renegotiated in March.");
  await createTestAnnouncedReply(cy, busy.threadId, "Anyone tried a broker?");
  await createTestAnnouncedReply(sam, busy.threadId, "Broker quotes attached.");
  await createTestAnnouncedReply(ana, asked.threadId, "Gina, how wide are yours?", [member.id]);
  await createTestAnnouncedReply(bo, asked.threadId, "Gina, same question.", [member.id]);

  await signIn(page, member);
  // Seven notifications, two groups.
  await page.getByRole("link", { name: "Notifications, 2 unread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const list = page.getByRole("list", { name: "Notifications" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  const busyRow = list.getByRole("listitem").filter({ hasText: `Carrier rates ${run}` });
  await expect(
    busyRow.getByRole("link", { name: `5 new replies in “Carrier rates ${run}”` }),
  ).toBeVisible();
  await expect(busyRow).toContainText("From Sam Sender, Cy Chime and 2 others");
  await expect(busyRow).toContainText("(unread)");
  const askedRow = list.getByRole("listitem").filter({ hasText: `Dock doors ${run}` });
  await expect(
    askedRow.getByRole("link", { name: `2 people mentioned you in “Dock doors ${run}”` }),
  ).toBeVisible();
  await expect(askedRow).toContainText("From Bo Busy and Ana Answer");
  await expectAccessible(page);

  for (const [width, name] of [
    [1366, "wide"],
    [390, "phone"],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `/tmp/helpernotif-notifications-${name}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });

  // "Mark read" settles the whole group at once, and the bell counts one group less.
  await busyRow.getByRole("button", { name: /Mark read/ }).click();
  await expect(page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();
  await expect(busyRow).not.toContainText("(unread)");
  await expect(busyRow.getByRole("button", { name: /Mark read/ })).toHaveCount(0);
  await expect(askedRow).toContainText("(unread)");

  // The mentions lead to the first unread one.
  await askedRow.getByRole("link", { name: /2 people mentioned you/ }).click();
  await expect(page.getByRole("article").filter({ hasText: "how wide are yours?" })).toHaveClass(
    /is-highlighted/,
  );
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();

  // Read, the busy group leads to its newest reply.
  await page.goto("/notifications");
  await expect(busyRow.getByRole("link", { name: /5 new replies/ })).toHaveAttribute(
    "href",
    /\/p\//,
  );
  expect(await busyRow.getByRole("link", { name: /5 new replies/ }).getAttribute("href")).not.toBe(
    `/p/${first}`,
  );
  await expectAccessible(page);
});
