import { describe, expect, it } from "vitest";
import {
  createTestProposal,
  createTestSpace,
  createUser,
  setTestSilenced,
} from "#db/testing/factories";
import { answerOf, outcome, routeContext, signedIn, statusOf } from "#db/testing/requests";
import { readProposalDocument } from "~/models/proposal-document.server";
import { saveProposal } from "~/models/proposal.server";
import { action as presenceAction } from "../resources+/proposals.$threadId.presence";
import { action as editAction, loader as editLoader } from "./$threadId.edit";
import { action as newAction } from "./new";

type Person = Awaited<ReturnType<typeof signedIn>>;

const propose = (who: Person, fields: Record<string, string>) =>
  answerOf(() =>
    newAction({ request: who.post("/proposals/new", fields), params: {}, context: routeContext }),
  );

const save = (who: Person, threadId: string, fields: Record<string, string>) =>
  answerOf(() =>
    editAction({
      request: who.post(`/proposals/${threadId}/edit`, { intent: "save", ...fields }),
      params: { threadId },
      context: routeContext,
    }),
  );

describe("the new-proposal form", () => {
  it("answers each section's problem on that section, keeping what was typed", async () => {
    const author = await signedIn("member");
    const space = await createTestSpace();
    const answer = await propose(author, {
      spaceId: space.id,
      title: "Scheduled exports",
      creationKey: crypto.randomUUID(),
      who_benefits: "Finance teams",
    });
    expect(answer).toMatchObject({ status: 400, done: null });
    expect(answer.result.error).toEqual({
      problem: ["Write the problem section."],
      proposal: ["Write the proposal section."],
    });
    expect(answer.result.initialValue).toMatchObject({
      title: "Scheduled exports",
      who_benefits: "Finance teams",
    });
  });

  it("answers a space the person can't see on the space field (403)", async () => {
    const author = await signedIn("member");
    const hidden = await createTestSpace({ visibility: "private" });
    const answer = await propose(author, {
      spaceId: hidden.id,
      title: "Scheduled exports",
      creationKey: crypto.randomUUID(),
      problem: "Exports are manual.",
      proposal: "Schedule them.",
    });
    expect(answer).toMatchObject({ status: 403, done: null });
    expect(answer.result.error).toEqual({ spaceId: ["Choose a space you can see."] });
  });

  it("shows the posting check's refusal above the form, and saves a draft otherwise", async () => {
    const member = await createUser();
    const author = await signedIn(member);
    const space = await createTestSpace();
    const fields = {
      spaceId: space.id,
      title: "Scheduled exports",
      problem: "Exports are manual.",
      proposal: "Schedule them.",
    };
    await setTestSilenced(member.id, true);
    const refused = await propose(author, { ...fields, creationKey: crypto.randomUUID() });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.result.error?.[""]).toHaveLength(1);
    expect(Object.keys(refused.result.error ?? {})).toEqual([""]);
    expect(refused.result.initialValue).toMatchObject({ problem: "Exports are manual." });

    await setTestSilenced(member.id, false);
    expect(
      await statusOf(() =>
        newAction({
          request: author.post("/proposals/new", { ...fields, creationKey: crypto.randomUUID() }),
          params: {},
          context: routeContext,
        }),
      ),
    ).toBe(302);
  });
});

describe("the proposal editor's form", () => {
  it("answers a section both co-authors changed with both versions (409), saving nothing", async () => {
    const person = await createUser();
    const author = await signedIn(person);
    const space = await createTestSpace();
    const { threadId } = await createTestProposal(person, space.id, { title: "Exports" });
    // Someone saves revision 2 meanwhile, changing the problem.
    const document = readProposalDocument({
      problem: { text: "Exports are manual and slow." },
      proposal: { text: "Schedule them." },
    });
    if (!document.ok) throw new Error("bad test document");
    await saveProposal(person, threadId, {
      baseRevision: 1,
      title: "Exports",
      sections: document.sections,
    });
    const answer = await save(author, threadId, {
      baseRevision: "1",
      title: "Exports",
      problem: "Exports are manual and error-prone.",
      proposal: "Schedule them.",
    });
    expect(answer).toMatchObject({ status: 409, done: null });
    const { conflict } = answer.details as {
      conflict: { revision: number; parts: string[]; theirs: Record<string, { html: string }> };
    };
    expect(conflict.revision).toBe(2);
    expect(conflict.parts).toEqual(["problem"]);
    expect(conflict.theirs.problem.html).toContain("Exports are manual and slow.");
  });

  it("answers a section's problem on that section, and a good save goes to the proposal", async () => {
    const person = await createUser();
    const author = await signedIn(person);
    const space = await createTestSpace();
    const { threadId } = await createTestProposal(person, space.id, { title: "Exports" });
    const empty = await save(author, threadId, {
      baseRevision: "1",
      title: "Exports",
      problem: "Exports are manual.",
    });
    expect(empty).toMatchObject({ status: 400, done: null });
    expect(empty.result.error).toEqual({ proposal: ["Write the proposal section."] });
    expect(empty.result.initialValue).toMatchObject({ problem: "Exports are manual." });

    const saved = await statusOf(() =>
      editAction({
        request: author.post(`/proposals/${threadId}/edit`, {
          intent: "save",
          baseRevision: "1",
          title: "Exports",
          problem: "Exports are manual.",
          proposal: "Schedule them weekly.",
        }),
        params: { threadId },
        context: routeContext,
      }),
    );
    expect(saved).toBe(302);
  });

  it("refuses someone who doesn't co-author it, in the model's words (403)", async () => {
    const space = await createTestSpace();
    const { threadId } = await createTestProposal(await createUser(), space.id, { open: true });
    const reader = await signedIn("member");
    const refusal = { status: 403, body: { message: "Only the proposal's co-authors edit it." } };
    const page = await outcome(() =>
      editLoader({
        request: reader.get(`/proposals/${threadId}/edit`),
        params: { threadId },
        context: routeContext,
      }),
    );
    expect(page).toMatchObject(refusal);
    const saving = await outcome(() =>
      editAction({
        request: reader.post(`/proposals/${threadId}/edit`, {
          intent: "save",
          baseRevision: "1",
          title: "Mine now",
          problem: "Exports are manual.",
          proposal: "Schedule them.",
        }),
        params: { threadId },
        context: routeContext,
      }),
    );
    expect(saving).toMatchObject(refusal);
    const present = await outcome(() =>
      presenceAction({
        request: reader.post(`/resources/proposals/${threadId}/presence`, { present: "on" }),
        params: { threadId },
        context: routeContext,
      }),
    );
    expect(present).toMatchObject(refusal);
  });
});
