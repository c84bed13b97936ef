import {
  awaitEmailsTo,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  linkIn,
  newClientAddress,
  test,
} from "./fixtures";

test("an email's unsubscribe link works signed out: the page asks first, a mail provider's one-click POST needs no session", async ({
  page,
  browser,
  playwright,
  baseURL,
  signIn,
}) => {
  const space = await createTestSpace();
  const starter = await createUser({ displayName: "Starter Uma" });
  const replier = await createUser({ displayName: "Replier Ugo" });
  const thread = await createTestThread(starter, space.id, { title: "Where unsubscribes go" });

  // A reply to Uma's post emails her at once (her default for replies).
  await signIn(page, replier);
  await page.goto(`/t/${thread.threadId}`);
  await page
    .getByRole("article", { name: "Starter Uma" })
    .getByRole("link", { name: "Reply" })
    .click();
  await page.getByRole("textbox", { name: "Your reply" }).click();
  await expect(page.locator("#reply-body[contenteditable]")).toBeFocused();
  await page.keyboard.type("They go to your settings.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByRole("article", { name: "Replier Ugo" })).toBeVisible();

  const [email] = await awaitEmailsTo(starter.email);
  const link = linkIn(email.text, "/unsubscribe/");
  expect(email.text).toContain(`Unsubscribe from these emails: ${link}`);
  const address = new URL(link).pathname;

  // Opened signed out (a link scanner would stop here: nothing changes on GET).
  const outside = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const visitor = await outside.newPage();
  await visitor.goto(address);
  await expect(
    visitor.getByRole("heading", { level: 1, name: "Unsubscribe from these emails?" }),
  ).toBeVisible();
  await expect(visitor.getByText(`Stop emailing ${starter.email} when:`)).toBeVisible();
  await expect(visitor.getByRole("listitem")).toHaveText(["Someone replies to your post"]);
  await expectAccessible(visitor);
  await visitor.screenshot({ path: "/tmp/helperemail-unsubscribe-ask.png", fullPage: true });

  await visitor.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(visitor.getByRole("status")).toHaveText(
    "Unsubscribed: no more emails of this kind.",
  );
  await expect(
    visitor.getByRole("heading", { level: 1, name: "You're unsubscribed" }),
  ).toBeVisible();
  await expectAccessible(visitor);
  await visitor.screenshot({ path: "/tmp/helperemail-unsubscribe-done.png", fullPage: true });

  // Her settings say so at once; she turns replies back on.
  await signIn(visitor, starter);
  await visitor.goto("/settings");
  const replies = visitor.getByLabel("Someone replies to your post");
  await expect(replies).toHaveValue("off");
  await replies.selectOption("immediate");
  await visitor.getByRole("button", { name: "Save email preferences" }).click();
  await expect(visitor.getByText("Email preferences saved.")).toBeVisible();

  // A mail provider POSTs the RFC 8058 body from its own servers: no cookie, no Origin.
  const provider = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const oneClick = await provider.post(address, {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: "List-Unsubscribe=One-Click",
  });
  expect(oneClick.status()).toBe(200);
  await visitor.reload();
  await expect(visitor.getByLabel("Someone replies to your post")).toHaveValue("off");

  // The origin check still refuses every other address posted to from outside.
  const elsewhere = await provider.post("/settings", {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: "intent=notifications&reply=immediate",
  });
  expect(elsewhere.status()).toBe(403);

  // A tampered link is refused in words, on GET and on POST.
  const last = address.at(-1) === "A" ? "B" : "A";
  const tampered = `${address.slice(0, -1)}${last}`;
  const refusedPost = await provider.post(tampered, {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: "List-Unsubscribe=One-Click",
  });
  expect(refusedPost.status()).toBe(400);
  await visitor.goto(tampered);
  await expect(
    visitor.getByRole("heading", { level: 1, name: "This unsubscribe link can't be used" }),
  ).toBeVisible();
  await expectAccessible(visitor);
  await visitor.screenshot({ path: "/tmp/helperemail-unsubscribe-invalid.png", fullPage: true });

  await provider.dispose();
  await outside.close();
});
