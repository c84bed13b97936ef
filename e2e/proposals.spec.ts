import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "@playwright/test";
import {
  createTestProposal,
  createTestSpace,
  createUser,
  expect,
  expectAccessible,
  newClientAddress,
  snapshot,
  test,
} from "./fixtures";

type SignIn = Parameters<Parameters<typeof test>[2]>[0]["signIn"];

/** A second person in their own browser, signed in. */
async function personInNewBrowser(browser: Browser, signIn: SignIn, person: Parameters<SignIn>[1]) {
  const context = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const page = await context.newPage();
  await signIn(page, person);
  return page;
}

/** Types at the end of a section's rich-text editor. */
async function appendToSection(page: Page, label: string, id: string, text: string) {
  await page.getByRole("textbox", { name: label, exact: true }).click();
  const editor = page.locator(`#${id}[contenteditable]`);
  await expect(editor).toBeFocused();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

/** Selects a passage of a section on the proposal page, as a reader's mouse would. */
async function selectPassage(page: Page, section: string, passage: string) {
  await page.locator(`#section-${section} .proposal-section-body`).evaluate((body, text) => {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(text) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      body.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      return;
    }
    throw new Error(`“${text}” is not in the section`);
  }, passage);
}

/**
 * A proxy in front of the app that makes the network slow on cue, the same way every run: it holds
 * one submission, whose answer (to Remix's `*.data`) arrives but stays open, and whose following
 * load waits entirely, until `release()`. Later requests pass as usual.
 */
async function slowDataProxy(appUrl: string) {
  const app = new URL(appUrl);
  let holding = false;
  let loadHeld: (() => void) | null = null;
  const held: (() => void)[] = [];
  const server = http.createServer((request, response) => {
    const isData = new URL(request.url ?? "/", app).pathname.endsWith(".data");
    const hold = holding && isData;
    if (hold && request.method === "GET") {
      holding = false;
      loadHeld?.();
    }
    const upstream = http.request(
      {
        host: app.hostname,
        port: app.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, "accept-encoding": "identity" },
      },
      (answer) => {
        const send = () => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.on("data", (chunk: Buffer) => response.write(chunk));
          answer.on("end", () => (hold ? held.push(() => response.end()) : response.end()));
        };
        if (hold && request.method === "GET") held.push(send);
        else send();
      },
    );
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    /** Holds the next submission; resolves once the page is loading its result. */
    holdNextSubmission: () => {
      holding = true;
      return new Promise<void>((resolve) => (loadHeld = resolve));
    },
    release: () => {
      for (const next of held.splice(0)) next();
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

test("co-authors write a proposal at once: drafts stay private, sections merge, conflicts keep both people's words", async ({
  page,
  browser,
  signIn,
}) => {
  // Three people in three browsers: 20–30 s on a quiet machine, more beside other work.
  test.slow();
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Co-design ${run}` });
  const author = await createUser({ displayName: "Ana Author" });
  const colleague = await createUser({ displayName: `Ben Coauthor ${run}` });
  const outsider = await createUser({ displayName: "Olga Outsider" });
  await signIn(page, author);

  // A draft, written from the space.
  await page.goto(`/spaces/${space.slug}`);
  await page.getByRole("link", { name: "Write a proposal" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Write a proposal" })).toBeVisible();
  await page.getByLabel("Title").fill(`Scheduled exports ${run}`);
  await page.getByRole("button", { name: "Save draft" }).click();
  // Nothing typed is lost, and the two required sections say so.
  await expect(page.getByText("Write the problem section.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(`Scheduled exports ${run}`);
  await appendToSection(page, "Problem", "section-problem", "Exports are manual every Monday.");
  await appendToSection(page, "Proposal", "section-proposal", "Schedule exports weekly.");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: `Scheduled exports ${run}` }),
  ).toBeVisible();
  await expect(page.getByText("Only its co-authors and staff can see a draft.")).toBeVisible();
  const proposalUrl = page.url();

  // Invite a co-author by handle.
  await page.getByLabel("Invite a co-author").fill(`@${colleague.handle}`);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const coauthors = page.getByRole("region", { name: "Co-authors" });
  await expect(
    coauthors.getByRole("listitem").filter({ hasText: colleague.displayName }),
  ).toContainText("Invited");

  // Someone else in the space finds no trace of the draft: list, search, address.
  const outsiderPage = await personInNewBrowser(browser, signIn, outsider);
  await outsiderPage.goto(`/proposals?space=${space.slug}`);
  await expect(outsiderPage.getByText("No proposals match these filters.")).toBeVisible();
  await outsiderPage.goto(`/search?q=${encodeURIComponent(`Scheduled exports ${run}`)}`);
  await expect(outsiderPage.getByRole("link", { name: `Scheduled exports ${run}` })).toHaveCount(0);
  const hidden = await outsiderPage.goto(proposalUrl);
  expect(hidden?.status()).toBe(404);
  await outsiderPage.context().close();

  // The co-author accepts; the author opens it for feedback.
  const colleaguePage = await personInNewBrowser(browser, signIn, colleague);
  await colleaguePage.goto(proposalUrl);
  await colleaguePage.getByRole("button", { name: "Accept" }).click();
  await expect(colleaguePage.getByRole("link", { name: "Edit the proposal" })).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "Open for feedback" }).click();
  await expect(page.getByText("Open for feedback", { exact: true }).first()).toBeVisible();

  // Both open the editor: each sees the other.
  await page.getByRole("link", { name: "Edit the proposal" }).click();
  await colleaguePage.getByRole("link", { name: "Edit the proposal" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Also editing now" })).toContainText(
    colleague.displayName,
  );
  await expect(
    colleaguePage.getByRole("status").filter({ hasText: "Also editing now" }),
  ).toContainText("Ana Author");
  await expectAccessible(colleaguePage);
  await snapshot(colleaguePage, "proposal-editor-presence");

  // Different sections: the author saves first, the co-author is told, and their save merges.
  await appendToSection(page, "Problem", "section-problem", " It takes an hour.");
  await appendToSection(colleaguePage, "Proposal", "section-proposal", " Daily for big accounts.");
  await page.getByRole("button", { name: "Save revision" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: `Scheduled exports ${run}` }),
  ).toBeVisible();
  await expect(
    colleaguePage.getByText("Ana Author saved revision 2 while you were editing."),
  ).toBeVisible();
  await colleaguePage.getByRole("button", { name: "Save revision" }).click();
  const problem = colleaguePage.getByRole("region", { name: "Problem" });
  const proposal = colleaguePage.getByRole("region", { name: "Proposal", exact: true });
  await expect(problem).toContainText("It takes an hour.");
  await expect(proposal).toContainText("Daily for big accounts.");

  // The same section: the second save shows both versions, and keeping both loses nothing.
  await page.goto(`${proposalUrl.replace("/t/", "/proposals/")}/edit`);
  await colleaguePage.getByRole("link", { name: "Edit the proposal" }).click();
  await appendToSection(page, "Problem", "section-problem", " Ana: finance waits for it.");
  await appendToSection(colleaguePage, "Problem", "section-problem", " Ben: it fails on holidays.");
  await page.getByRole("button", { name: "Save revision" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: `Scheduled exports ${run}` }),
  ).toBeVisible();
  await colleaguePage.getByRole("button", { name: "Save revision" }).click();
  const conflict = colleaguePage.getByRole("region", { name: "Conflict in Problem" });
  await expect(conflict).toContainText("Ana: finance waits for it.");
  await expect(conflict).toContainText("Ben: it fails on holidays.");
  await expect(colleaguePage.getByText(/Not saved yet: Ana Author saved revision 4/)).toBeVisible();
  await expectAccessible(colleaguePage);
  await snapshot(colleaguePage, "proposal-conflict");
  await conflict.getByRole("button", { name: "Keep both" }).click();
  await expect(colleaguePage.locator("#section-problem[contenteditable]")).toContainText(
    "Ben: it fails on holidays.",
  );
  await colleaguePage.getByRole("button", { name: "Save revision" }).click();
  await expect(problem).toContainText("Ana: finance waits for it.");
  await expect(problem).toContainText("Ben: it fails on holidays.");

  // Any two revisions, compared section by section.
  await colleaguePage.getByRole("link", { name: "History and changes" }).click();
  await colleaguePage.getByLabel("Compare revision").selectOption("1");
  await colleaguePage.getByLabel("with revision").selectOption("5");
  await colleaguePage.getByRole("button", { name: "Show changes" }).click();
  await expect(
    colleaguePage.getByRole("heading", { name: "Changes from revision 1 to revision 5" }),
  ).toBeVisible();
  await expect(
    colleaguePage.locator("ins.diff-added").filter({ hasText: "holidays" }),
  ).toBeVisible();
  await expectAccessible(colleaguePage);
  await snapshot(colleaguePage, "proposal-revisions");
  await colleaguePage.context().close();
});

test("members comment on sections, endorse, and hear when staff accept a proposal", async ({
  page,
  browser,
  signIn,
}) => {
  // Three people in three browsers: 20–30 s on a quiet machine, more beside other work.
  test.slow();
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Proposals ${run}` });
  const author = await createUser({ displayName: "Paula Proposer" });
  const { threadId } = await createTestProposal(author, space.id, {
    title: `Audit trail export ${run}`,
    sections: {
      problem: "Auditors ask for every change every quarter. We copy it by hand.",
      proposal: "Export the audit trail as CSV.",
    },
    open: true,
  });
  const member = await createUser({ displayName: "Rita Reader" });
  await signIn(page, member);
  await page.goto(`/t/${threadId}`);

  // A comment on a selected passage, and one on the whole section.
  await selectPassage(page, "problem", "We copy it by hand.");
  const problem = page.getByRole("region", { name: "Problem" });
  await expect(problem.getByLabel("Passage (optional)")).toHaveValue("We copy it by hand.");
  await problem.getByLabel("Comment on problem").fill("How long does the copying take?");
  await problem.getByRole("button", { name: "Post comment" }).click();
  await expect(
    problem.getByRole("listitem").filter({ hasText: "How long does the copying take?" }),
  ).toContainText("We copy it by hand.");
  // A reply joins that conversation.
  const conversation = problem
    .getByRole("listitem")
    .filter({ hasText: "How long does the copying take?" })
    .first();
  await conversation.getByRole("link", { name: "Reply" }).click();
  await conversation.getByLabel("Your reply").fill("About two hours a quarter, for us.");
  await conversation.getByRole("button", { name: "Post reply" }).click();
  await expect(
    problem.getByRole("list", { name: "Replies" }).getByText("About two hours a quarter, for us."),
  ).toBeVisible();
  await problem.locator("summary").filter({ hasText: "Comment on problem" }).click();
  await problem.getByLabel("Passage (optional)").fill("");
  await problem.getByLabel("Comment on problem").fill("Which auditors?");
  await problem.getByRole("button", { name: "Post comment" }).click();
  await expect(problem.getByText("Which auditors?")).toBeVisible();

  // Endorse with a reason; a second endorsement updates it.
  const endorsements = page.getByRole("region", { name: /endorsement/ });
  await endorsements.getByLabel("Endorse: what would you use it for?").fill("x");
  await endorsements.getByRole("button", { name: "Endorse" }).click();
  await expect(endorsements.getByText(/Say in a few words why/)).toBeVisible();
  await endorsements
    .getByLabel("Endorse: what would you use it for?")
    .fill("We'd use this for SOC 2");
  await endorsements.getByRole("button", { name: "Endorse" }).click();
  await expect(endorsements.getByRole("heading", { name: "1 endorsement" })).toBeVisible();
  await endorsements.getByLabel("Your reason").fill("We'd use this for SOC 2 and ISO audits");
  await endorsements.getByRole("button", { name: "Update my reason" }).click();
  await expect(endorsements.getByText("“We'd use this for SOC 2 and ISO audits”")).toBeVisible();
  await expect(endorsements.getByRole("heading", { name: "1 endorsement" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "proposal-member");

  // The author resolves one comment and edits the passage the other was about.
  const authorPage = await personInNewBrowser(browser, signIn, author);
  await authorPage.goto("/notifications");
  // Rita's comments make one group.
  const commented = authorPage
    .getByRole("listitem")
    .filter({ hasText: `Audit trail export ${run}` });
  await expect(commented).toHaveCount(1);
  await expect(commented).toContainText(/\d comments on “Audit trail export/);
  await expect(commented).toContainText("From Rita Reader");
  await authorPage.goto(`/t/${threadId}`);
  const authorProblem = authorPage.getByRole("region", { name: "Problem" });
  await authorProblem
    .getByRole("listitem")
    .filter({ hasText: "Which auditors?" })
    .getByRole("button", { name: "Resolve" })
    .click();
  await expect(authorProblem.getByText("1 resolved comment")).toBeVisible();
  await expect(authorProblem.getByText("Which auditors?")).toBeHidden();
  await authorPage.getByRole("link", { name: "Edit the proposal" }).click();
  const editor = authorPage.getByRole("textbox", { name: "Problem", exact: true });
  await editor.click();
  await expect(authorPage.locator("#section-problem[contenteditable]")).toBeFocused();
  await authorPage.keyboard.press("Control+End");
  for (let i = 0; i < "by hand.".length; i++) await authorPage.keyboard.press("Backspace");
  await authorPage.keyboard.type("with a script.");
  await authorPage.getByRole("button", { name: "Save revision" }).click();
  await expect(
    authorProblem.getByRole("listitem").filter({ hasText: "How long does the copying take?" }),
  ).toContainText("Outdated: this passage has since changed");
  await authorPage.context().close();

  // Staff accept it with a rationale; the endorser is told.
  const staff = await createUser({ role: "staff", displayName: "Sam Staff" });
  const staffPage = await personInNewBrowser(browser, signIn, staff);
  await staffPage.goto(`/t/${threadId}`);
  await expect(staffPage.getByRole("region", { name: /endorsement/ })).toContainText("Rita Reader");
  await staffPage.getByText("Move to another stage").click();
  await staffPage.getByLabel("New stage").selectOption("accepted");
  await staffPage.getByRole("button", { name: "Move the proposal" }).click();
  await expect(
    staffPage.getByText("Say why: the rationale is shown on the proposal."),
  ).toBeVisible();
  await staffPage.getByLabel("Rationale").fill("Five audit-bound accounts need it this year.");
  await staffPage.getByRole("button", { name: "Move the proposal" }).click();
  const stages = staffPage.getByRole("region", { name: "Stage" });
  await expect(stages).toContainText("Five audit-bound accounts need it this year.");
  await expect(staffPage.getByText("Ready for the backlog").first()).toBeVisible();
  await expectAccessible(staffPage);
  await snapshot(staffPage, "proposal-accepted-staff");
  await staffPage.context().close();

  await page.goto("/notifications");
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: `Audit trail export ${run}` })
      .first(),
  ).toContainText("Sam Staff moved the stage of");
});

test("endorsing again while the first endorsement is still loading shows no error", async ({
  page,
  signIn,
  baseURL,
}) => {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Double click ${run}` });
  const author = await createUser({ displayName: "Paula Proposer" });
  const { threadId } = await createTestProposal(author, space.id, {
    title: `Clicked twice ${run}`,
    open: true,
  });
  const member = await createUser({ displayName: "Quick Clicker" });
  await signIn(page, member);
  const proxy = await slowDataProxy(baseURL!);
  try {
    await page.goto(`${proxy.url}/t/${threadId}`);
    const endorsements = page.getByRole("region", { name: /endorsement/ });
    await endorsements
      .getByLabel("Endorse: what would you use it for?")
      .fill("We'd use this for SOC 2");
    // The first endorsement is saved and the page is loading the result...
    const loading = proxy.holdNextSubmission();
    await endorsements.getByRole("button", { name: "Endorse" }).click();
    await loading;
    // ...when the person clicks again: the second submission replaces the first, whose answer
    // was still arriving. (The button is aria-disabled while saving; a browser still submits.)
    await endorsements.getByRole("button", { name: "Saving…" }).click({ force: true });
    await expect(endorsements.getByRole("heading", { name: "1 endorsement" })).toBeVisible();
    await expect(endorsements.getByRole("button", { name: "Update my reason" })).toBeVisible();
    // The consoleErrors fixture fails the test if the replaced submission left a page error.
  } finally {
    proxy.release();
    proxy.close();
  }
});
