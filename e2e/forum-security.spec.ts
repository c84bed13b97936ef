import {
  createAccount,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  test,
} from "./fixtures";

test("stored script in a title, a body or a display name renders as harmless text", async ({
  page,
  signIn,
  baseURL,
}) => {
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  const space = await createTestSpace();
  const attacker = await createUser({ displayName: `<img src=x onerror=alert(1)>Mallory` });
  await signIn(page, attacker);
  await page.goto(`/spaces/${space.slug}/new`);
  await page.getByLabel("Title").fill(`<script>alert("title")</script>`);
  await page.getByRole("textbox", { name: "Post" }).click();
  await page.keyboard.type(
    `<img src=x onerror=alert("body")> and <a href="javascript:alert(1)">click</a>`,
  );
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `<script>alert("title")</script>`,
  );
  const opening = page.getByRole("article").first();
  await expect(opening.locator(".post-body")).toContainText(`<img src=x onerror=alert("body")>`);
  await expect(opening.getByRole("heading", { name: /Mallory/ })).toContainText(
    "<img src=x onerror=alert(1)>Mallory",
  );
  await expect(page.locator("img")).toHaveCount(0);
  const threadUrl = page.url();

  // Crafted editor JSON sent straight to the server is refused with a clear message.
  const crafted = [
    {
      type: "paragraph",
      content: [
        {
          type: "text",
          text: "x",
          marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
        },
      ],
    },
    { type: "paragraph", attrs: { onclick: "alert(1)" }, content: [{ type: "text", text: "y" }] },
    { type: "iframe", attrs: { src: "https://evil.example" } },
  ];
  for (const node of crafted) {
    const response = await page.request.post(threadUrl, {
      form: { intent: "reply", bodyJson: JSON.stringify({ type: "doc", content: [node] }) },
      headers: { Origin: baseURL! },
    });
    expect(response.status()).toBe(400);
  }
  await page.reload();
  await expect(page.getByRole("article")).toHaveCount(1);
  expect(dialogs).toBe(0);
});

test("nobody posts into a space they cannot see", async ({ page, signIn, baseURL }) => {
  const big = await createAccount({ name: `Titan ${Date.now()}`, revenueCents: 9_000_000_000_00 });
  const insider = await createUser({ accountId: big.id });
  // No revenue: never in a top tier, whatever other tests' accounts do to the ranking.
  const outsider = await createUser({ accountId: (await createAccount({ revenueCents: 0 })).id });
  const council = await createTestSpace({ visibility: "tier", minTier: "top1" });
  const privateSpace = await createTestSpace({ visibility: "private" });
  const thread = await createTestThread(insider, council.id);
  await signIn(page, outsider);

  const attempts = [
    page.request.post(`/spaces/${council.slug}/new`, {
      form: { kind: "discussion", title: "Sneaking in", body: "Hello" },
      headers: { Origin: baseURL! },
    }),
    page.request.post(`/spaces/${privateSpace.slug}/new`, {
      form: { kind: "discussion", title: "Sneaking in", body: "Hello" },
      headers: { Origin: baseURL! },
    }),
    page.request.post(`/t/${thread.threadId}`, {
      form: { intent: "reply", body: "Hello" },
      headers: { Origin: baseURL! },
    }),
    page.request.post(`/t/${thread.threadId}`, {
      form: { intent: "react", postId: thread.postId, kind: "helpful" },
      headers: { Origin: baseURL! },
    }),
  ];
  for (const response of await Promise.all(attempts)) expect(response.status()).toBe(404);
  expect((await page.request.get(`/resources/threads/${thread.threadId}/events`)).status()).toBe(
    404,
  );
  expect((await page.goto(`/p/${thread.postId}/history`))?.status()).toBe(404);
});
