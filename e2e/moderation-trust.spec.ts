import type { Browser, Page } from "@playwright/test";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  lockTestThread,
  newClientAddress,
  snapshot,
  test,
} from "./fixtures";

type Person = Awaited<ReturnType<typeof createUser>>;

/** Another person's browser, signed in; without JavaScript when asked. */
async function openAs(
  browser: Browser,
  signIn: (page: Page, person: Person) => Promise<void>,
  person: Person,
  options: { javaScriptEnabled?: boolean } = {},
) {
  const context = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  await signIn(page, person);
  return { page, close: () => context.close() };
}

/** Posts a plain-text reply from the form a reader without JavaScript gets. */
async function replyWithoutJavaScript(page: Page, text: string) {
  await page.getByRole("textbox", { name: "Your reply" }).fill(text);
  await page.getByRole("button", { name: "Post reply" }).click();
}

test("a member flags a post; a moderator hides it in context with a reason; its author is told and appeals; the log shows each step", async ({
  page,
  browser,
  signIn,
}) => {
  test.slow();
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Civil space ${run}` });
  const opener = await createUser({ displayName: `Opal Opener ${run}` });
  const author = await createUser({ displayName: `Rex Rude ${run}` });
  const flagger = await createUser({ displayName: `Fay Flagger ${run}` });
  const moderator = await createUser({ role: "moderator", displayName: `Mona Mod ${run}` });
  const { threadId } = await createTestThread(opener, space.id, {
    title: `Roadmap questions ${run}`,
    body: "What is coming next quarter?",
  });
  const reply = await createTestReply(author, threadId, `You are all clueless ${run}`);

  // The member flags the reply.
  await signIn(page, flagger);
  await page.goto(`/t/${threadId}`);
  const post = page.locator(`#post-${reply.postId}`);
  await post.getByText("Flag", { exact: false }).first().click();
  await post.getByRole("radio", { name: /Abusive/ }).check();
  await post
    .getByLabel("Anything the moderators should know (optional)")
    .fill("Insulting the team");
  await expectAccessible(page);
  await post.getByRole("button", { name: "Flag post" }).click();
  await expect(post.getByRole("link", { name: /You flagged this/ })).toBeVisible();
  await page.goto("/flags");
  await expect(page.getByText("Received: the moderators will review it")).toBeVisible();

  // The moderator sees it in its context and hides it, with a reason.
  const mod = await openAs(browser, signIn, moderator);
  await mod.page.goto("/mod/queue");
  const item = mod.page.getByRole("article", {
    name: new RegExp(`Reply #2 in “Roadmap questions ${run}”`),
  });
  await expect(item.getByRole("list", { name: "Flags" })).toContainText(
    "Abusive — from Fay Flagger",
  );
  await expect(item.getByRole("list", { name: "Flags" })).toContainText("Insulting the team");
  await expect(item.getByRole("region", { name: "In context" })).toContainText(
    "What is coming next quarter?",
  );
  await expect(item.getByRole("region", { name: "In context" })).toContainText(
    `You are all clueless ${run}`,
  );
  await expect(item.getByRole("region", { name: "Author's history" })).toContainText(
    `Rex Rude ${run}`,
  );
  await expectAccessible(mod.page);
  await snapshot(mod.page, "moderation-queue");
  await item.getByText("Hide…").click();
  await item.getByRole("button", { name: "Hide with this reason" }).click();
  await expect(item.getByText("Say why: the author reads the reason.")).toBeVisible();
  await item
    .getByLabel("Reason (shown to the author)")
    .first()
    .fill("Personal attacks aren't welcome here");
  await item.getByRole("button", { name: "Hide with this reason" }).click();
  await expect(mod.page.getByText("The post is hidden; its author was told why.")).toBeVisible();

  // Everyone else reads a marker; the flagger learns what became of the flag.
  await page.goto(`/t/${threadId}`);
  await expect(page.getByText("This post was hidden by a moderator.")).toBeVisible();
  await expect(page.getByText(`You are all clueless ${run}`)).toHaveCount(0);
  await page.goto("/flags");
  await expect(page.getByText("The moderators acted")).toBeVisible();
  await expect(page.getByText("Hidden by a moderator")).toBeVisible();
  await expectAccessible(page);

  // The author is told why, and appeals.
  const rex = await openAs(browser, signIn, author);
  await rex.page.goto("/notifications");
  await rex.page
    .getByRole("link", {
      name: new RegExp(`A moderator hid your reply in “Roadmap questions ${run}”`),
    })
    .click();
  await expect(rex.page.getByText("Personal attacks aren't welcome here")).toBeVisible();
  await rex.page
    .getByLabel("Write to the moderators")
    .fill("It was sarcasm among friends; please restore it.");
  await rex.page.getByRole("button", { name: "Send to the moderators" }).click();
  await expect(
    rex.page.getByText("It was sarcasm among friends; please restore it."),
  ).toBeVisible();
  await expect(rex.page.getByText("Appeal waiting for the moderators")).toBeVisible();
  await expectAccessible(rex.page);
  await snapshot(rex.page, "moderation-notice");
  // Its author still reads the hidden post, with the reason.
  await rex.page.goto(`/t/${threadId}`);
  await expect(
    rex.page.getByText(/Hidden by a moderator: others see only that it was hidden/),
  ).toBeVisible();
  await rex.close();

  // The appeal is in the queue; the log shows the flag's outcome and the hiding.
  await mod.page.goto("/mod/queue");
  const appeals = mod.page.getByRole("region", { name: "Appeals waiting for an answer" });
  await expect(appeals).toContainText(`Rex Rude ${run} appeals`);
  await appeals.getByRole("link", { name: new RegExp(`Rex Rude ${run} appeals`) }).click();
  await mod.page
    .getByLabel(`Answer Rex Rude ${run}`)
    .fill("We read it as an insult; it stays hidden.");
  await mod.page.getByRole("button", { name: "Send and close the appeal" }).click();
  await expect(mod.page.getByText("Appeal closed")).toBeVisible();
  // The log: the flag and the hiding, on the post; the appeal and its answer.
  await mod.page.goto(`/mod/log?type=post&target=${reply.postId}`);
  const postLog = mod.page.getByRole("table");
  await expect(postLog.getByRole("row", { name: /Flagged something/ })).toContainText(
    `Fay Flagger ${run}`,
  );
  await expect(postLog.getByRole("row", { name: /Hid a post/ })).toContainText(
    "Personal attacks aren't welcome here",
  );
  await expect(postLog.getByRole("row", { name: /Hid a post/ })).toContainText("Shown → Hidden");
  await mod.page.goto(`/mod/log?kind=notice&actor=${moderator.handle}`);
  await expect(mod.page.getByRole("row", { name: /Answered and closed an appeal/ })).toBeVisible();
  await expectAccessible(mod.page);
  await snapshot(mod.page, "moderation-log");
  await mod.close();
});

test("a new member meets the link limit and the posting rate with clear messages (without JavaScript)", async ({
  browser,
  signIn,
}) => {
  const space = await createTestSpace();
  const newcomer = await createUser({ trustLevel: 0, displayName: "Nina Newcomer" });
  const { threadId } = await createTestThread(await createUser(), space.id, {
    title: "Tools you use",
  });
  const nina = await openAs(browser, signIn, newcomer, { javaScriptEnabled: false });
  await nina.page.goto(`/t/${threadId}`);
  const links = "I use https://a.example, https://b.example and https://c.example daily.";
  await replyWithoutJavaScript(nina.page, links);
  await expect(
    nina.page.getByText(/New members can include at most 2 links in a post/),
  ).toBeVisible();
  await expect(nina.page.getByRole("textbox", { name: "Your reply" })).toHaveValue(links);

  for (const text of ["First thought", "Second thought", "Third thought"]) {
    await nina.page.goto(`/t/${threadId}`);
    await replyWithoutJavaScript(nina.page, text);
    await expect(nina.page.getByText(text)).toBeVisible();
  }
  await nina.page.goto(`/t/${threadId}`);
  await replyWithoutJavaScript(nina.page, "Fourth thought");
  await expect(
    nina.page.getByText(/You can make at most 3 replies in a minute\. Try again in 1 minute/),
  ).toBeVisible();
  await expect(nina.page.getByRole("textbox", { name: "Your reply" })).toHaveValue(
    "Fourth thought",
  );
  await nina.close();
});

test("a watched word holds a post for review until a moderator approves it", async ({
  page,
  browser,
  signIn,
}) => {
  const word = `cryptodeal${Date.now().toString(36)}`;
  const space = await createTestSpace();
  const { threadId } = await createTestThread(await createUser(), space.id, { title: "Partners" });
  const moderator = await createUser({ role: "moderator" });
  await signIn(page, moderator);
  await page.goto("/mod/watched-words");
  await page.getByLabel("Word or phrase").fill(word);
  await page.getByLabel("When a post contains it").selectOption({ label: "Hold for review" });
  await page.getByRole("button", { name: "Add word" }).click();
  await expect(page.getByRole("cell", { name: word })).toBeVisible();
  await expectAccessible(page);

  const writer = await createUser({ displayName: "Walt Writer" });
  const walt = await openAs(browser, signIn, writer, { javaScriptEnabled: false });
  await walt.page.goto(`/t/${threadId}`);
  await replyWithoutJavaScript(walt.page, `Join my ${word} today`);
  await expect(
    walt.page.getByText(/Waiting for review: only its author and the moderators see this post/),
  ).toBeVisible();
  await walt.close();

  const reader = await openAs(browser, signIn, await createUser());
  await reader.page.goto(`/t/${threadId}`);
  await expect(
    reader.page.getByText("This post is waiting for a moderator's review."),
  ).toBeVisible();
  await expect(reader.page.getByText(`Join my ${word} today`)).toHaveCount(0);

  await page.goto("/mod/queue");
  const item = page.getByRole("article").filter({ hasText: `Join my ${word} today` });
  await expect(item).toContainText(`Held because: Contains the watched word “${word}”`);
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/The post is approved/)).toBeVisible();
  await reader.page.reload();
  await expect(reader.page.getByText(`Join my ${word} today`)).toBeVisible();
  await reader.close();
});

test("a silenced member reads but cannot reply, and is told why and until when", async ({
  page,
  browser,
  signIn,
}) => {
  const space = await createTestSpace();
  const { threadId } = await createTestThread(await createUser(), space.id, {
    title: "Quiet please",
  });
  const member = await createUser({ displayName: "Loud Lee" });
  const moderator = await createUser({ role: "moderator" });
  await signIn(page, moderator);
  await page.goto(`/mod/people/${member.handle}`);
  const silence = page
    .locator("form")
    .filter({ has: page.getByRole("heading", { name: "Silence" }) });
  await silence.getByLabel("Reason (shown to them)").fill("Three shouting matches this week");
  await silence.getByLabel("For").selectOption({ label: "1 day" });
  await silence.getByRole("button", { name: "Silence Loud Lee" }).click();
  await expect(page.getByText(/Silenced until/)).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "moderation-person");

  const lee = await openAs(browser, signIn, member, { javaScriptEnabled: false });
  await lee.page.goto(`/t/${threadId}`);
  await replyWithoutJavaScript(lee.page, "But I have more to say");
  await expect(
    lee.page.getByText(
      /A moderator has silenced you until .*: you can read, but not post\. Reason: Three shouting matches this week\./,
    ),
  ).toBeVisible();
  await lee.close();
});

test("a locked thread refuses a reply, a reaction and its author's edit, without JavaScript too", async ({
  browser,
  signIn,
  baseURL,
}) => {
  const author = await createUser();
  const space = await createTestSpace();
  const { threadId, postId } = await createTestThread(author, space.id, { title: "Settled" });
  await lockTestThread(threadId);
  const them = await openAs(browser, signIn, author, { javaScriptEnabled: false });
  await them.page.goto(`/t/${threadId}`);
  await expect(them.page.getByRole("textbox", { name: "Your reply" })).toHaveCount(0);
  const headers = { Origin: baseURL! };
  const replied = await them.page.request.post(`/t/${threadId}`, {
    form: { intent: "reply", body: "One more thing" },
    headers,
  });
  expect(replied.status()).toBe(409);
  const reacted = await them.page.request.post(`/t/${threadId}`, {
    form: { intent: "react", postId, kind: "helpful" },
    headers,
  });
  expect(reacted.status()).toBe(409);
  const edited = await them.page.request.post(`/p/${postId}/edit`, {
    form: { body: "Rewritten", title: "Settled" },
    headers,
  });
  expect(edited.status()).toBe(409);
  await them.close();
});

test("a moderator hides a post in place from the thread page, with the reason its author reads", async ({
  page,
  browser,
  signIn,
}) => {
  const space = await createTestSpace();
  const author = await createUser({ displayName: "Petra Plug" });
  const { threadId } = await createTestThread(await createUser(), space.id, { title: "Vendors" });
  const reply = await createTestReply(author, threadId, "Buy my course at course.example");
  const moderator = await createUser({ role: "moderator" });
  await signIn(page, moderator);
  await page.goto(`/t/${threadId}`);
  const post = page.locator(`#post-${reply.postId}`);
  await post.getByText("Hide…").click();
  // A reason typed as a sentence keeps its one full stop.
  await post.getByLabel("Reason (shown to the author)").fill("Self-promotion, as the rules say.");
  await expectAccessible(page);
  await post.getByRole("button", { name: "Hide post" }).click();
  const banner = post.locator(".moderation-banner");
  await expect(banner).toContainText("Reason: Self-promotion, as the rules say.");
  await expect(banner).not.toContainText("say..");
  // The way to the queue and the restore button sit apart, not jammed together.
  const link = await banner.getByRole("link", { name: "Open the moderation queue" }).boundingBox();
  const button = await banner.getByRole("button", { name: /Restore/ }).boundingBox();
  expect(link && button).toBeTruthy();
  const apart =
    link!.x + link!.width + 8 <= button!.x ||
    button!.x + button!.width + 8 <= link!.x ||
    link!.y + link!.height <= button!.y ||
    button!.y + button!.height <= link!.y;
  expect(apart).toBe(true);

  const petra = await openAs(browser, signIn, author);
  await petra.page.goto("/notifications");
  await expect(
    petra.page.getByRole("link", { name: /A moderator hid your reply in “Vendors”/ }),
  ).toBeVisible();
  await petra.close();

  await post.getByRole("button", { name: /Restore/ }).click();
  await expect(post.getByText("Buy my course at course.example")).toBeVisible();
  await expect(post.getByText(/Hidden by a moderator/)).toHaveCount(0);
});
