import { afterAll, describe, expect, it } from "vitest";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  emailsTo,
} from "#db/testing/factories";
import { outcome, routeContext } from "#db/testing/requests";
import { startSmtpSink, type ReceivedEmail } from "#db/testing/smtp-sink";
import { action, loader } from "~/routes/unsubscribe.$token";
import { sendNotificationDigests, sendNotificationEmail } from "./notification-email.server";
import { notifyAboutNewPost, notifyPeople } from "./notification.server";
import { getEmailPreferences, setEmailPreferences } from "./notification-preferences.server";
import { setSpaceWatch } from "./space.server";

// Delivered to a real SMTP server on loopback and read back as a mail provider would: every
// notification and digest email carries a one-click unsubscribe for its kind (RFC 8058), says it
// was written by a machine, and threads with the other emails about the same conversation.

const sink = await startSmtpSink();
process.env.SMTP_URL = sink.url;
process.env.APP_URL = "https://community.example.test";
afterAll(() => sink.close());

const HOST = "community.example.test";
const header = (email: ReceivedEmail, name: string) => email.headers.get(name.toLowerCase());
const one = (email: ReceivedEmail, name: string) => {
  const values = header(email, name);
  expect(values, name).toHaveLength(1);
  return values![0];
};
/** The address in `<…>` of List-Unsubscribe. */
const unsubscribeLinkOf = (email: ReceivedEmail) =>
  /^<(https:\/\/[^>]+)>$/.exec(one(email, "List-Unsubscribe"))![1];
const tokenOf = (link: string) => new URL(link).pathname.replace("/unsubscribe/", "");

/** What a mail provider sends: a POST with the RFC 8058 body, no cookie, no Origin. */
function oneClickPost(link: string, body = "List-Unsubscribe=One-Click") {
  return new Request(link, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}
const postTo = (link: string, body?: string) =>
  outcome(() =>
    Promise.resolve(
      action({
        request: oneClickPost(link, body),
        params: { token: tokenOf(link) },
        context: routeContext,
      }),
    ),
  );
const getPage = (link: string) =>
  outcome(() =>
    Promise.resolve(
      loader({
        request: new Request(link),
        params: { token: tokenOf(link) },
        context: routeContext,
      }),
    ),
  );

/** A reply in `thread` by someone new, and the notification that tells `who` of it. */
async function mentionIn(thread: { threadId: string }, who: { id: string }) {
  const actor = await createUser({ displayName: "Mentioning Mia" });
  const reply = await createTestReply(actor, thread.threadId, "Look at this, please");
  const [created] = await notifyPeople({
    actor,
    threadId: thread.threadId,
    postId: reply.postId,
    kind: "mention",
    userIds: [who.id],
  });
  return created;
}

describe("a notification email delivered over SMTP", () => {
  it("carries one-click unsubscribe, Auto-Submitted and the thread's conversation id", async () => {
    const reader = await createUser({ displayName: "Reader Rosa" });
    const author = await createUser();
    const space = await createTestSpace({ name: "Ops" });
    const thread = await createTestThread(author, space.id, { title: "Weekly metrics" });
    const before = sink.received.length;
    const first = await mentionIn(thread, reader);
    const second = await mentionIn(thread, reader);
    expect(await sendNotificationEmail(first.id)).toBe(true);
    expect(await sendNotificationEmail(second.id)).toBe(true);
    const [a, b] = (await sink.waitFor(before + 2)).slice(before);

    for (const [email, notification] of [
      [a, first],
      [b, second],
    ] as const) {
      expect(email.to).toEqual([reader.email]);
      expect(one(email, "Auto-Submitted")).toBe("auto-generated");
      expect(one(email, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      expect(unsubscribeLinkOf(email)).toMatch(
        new RegExp(`^https://${HOST}/unsubscribe/${reader.id}\\.mention\\.[A-Za-z0-9_-]{43}$`),
      );
      // Its own id, and the thread's root id that every email about the thread points at.
      expect(one(email, "Message-ID")).toBe(`<notification-${notification.id}@${HOST}>`);
      expect(one(email, "In-Reply-To")).toBe(`<thread-${thread.threadId}@${HOST}>`);
      expect(one(email, "References")).toBe(`<thread-${thread.threadId}@${HOST}>`);
      // The same link, visible in the body for people whose mail client shows no button.
      expect(email.text).toContain(`Unsubscribe from these emails: ${unsubscribeLinkOf(email)}`);
    }
    expect(one(a, "Message-ID")).not.toBe(one(b, "Message-ID"));

    // The outbox keeps the message with its visible link (it has no place for headers).
    const kept = await emailsTo(reader.email);
    expect(kept).toHaveLength(2);
    expect(kept[0].sentAt).not.toBeNull();
    expect(kept[0].text).toContain(unsubscribeLinkOf(a));
  });

  it("unsubscribes with the RFC 8058 POST at once, and never on GET", async () => {
    const reader = await createUser();
    const author = await createUser();
    const space = await createTestSpace();
    const thread = await createTestThread(author, space.id);
    const before = sink.received.length;
    const first = await mentionIn(thread, reader);
    expect(await sendNotificationEmail(first.id)).toBe(true);
    const [email] = (await sink.waitFor(before + 1)).slice(before);
    const link = unsubscribeLinkOf(email);

    // A link scanner's GET only shows what would stop.
    const page = await getPage(link);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      link: { topic: "mention", email: reader.email, stillEmailed: ["mention"] },
    });
    expect((await getEmailPreferences(reader.id)).mention).toBe("immediate");

    const posted = await postTo(link);
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ done: "Unsubscribed: no more emails of this kind." });
    const preferences = await getEmailPreferences(reader.id);
    expect(preferences.mention).toBe("off");
    expect(preferences.reply).toBe("immediate");
    expect((await getPage(link)).body).toMatchObject({ link: { stillEmailed: [] } });

    // At once: the next mention is in the app, not in the mail.
    const next = await mentionIn(thread, reader);
    expect(await sendNotificationEmail(next.id)).toBe(false);
    // A second POST (a provider retrying) is answered the same way.
    expect((await postTo(link)).status).toBe(200);
  });

  it("refuses forged, tampered and re-aimed links with words, never a 500", async () => {
    const reader = await createUser();
    const other = await createUser();
    const author = await createUser();
    const space = await createTestSpace();
    const thread = await createTestThread(author, space.id);
    const before = sink.received.length;
    const first = await mentionIn(thread, reader);
    expect(await sendNotificationEmail(first.id)).toBe(true);
    const [email] = (await sink.waitFor(before + 1)).slice(before);
    const link = unsubscribeLinkOf(email);
    const [userId, , signature] = tokenOf(link).split(".");
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    const origin = `https://${HOST}/unsubscribe/`;

    for (const forged of [
      `${userId}.mention.${flipped}`, // tampered signature
      `${other.id}.mention.${signature}`, // someone else, with this person's signature
      `${userId}.reply.${signature}`, // another kind
      `${userId}.digest.${signature}`, // the digest
      `${userId}.mention`, // no signature
      "not-a-token",
      `${userId}.mention.${signature}.extra`,
      "x".repeat(5_000),
    ]) {
      const page = await getPage(origin + forged);
      expect(page.status, forged).toBe(400);
      expect(page.body, forged).toEqual({ link: null });
      const posted = await postTo(origin + forged);
      expect(posted.status, forged).toBe(400);
      expect(JSON.stringify(posted.body), forged).toContain("isn't valid");
    }
    // Nobody's settings changed.
    expect((await getEmailPreferences(reader.id)).mention).toBe("immediate");
    expect((await getEmailPreferences(reader.id)).reply).toBe("immediate");
    expect((await getEmailPreferences(other.id)).mention).toBe("immediate");

    // A POST without the one-click body changes nothing either.
    const empty = await postTo(link, "something=else");
    expect(empty.status).toBe(400);
    expect((await getEmailPreferences(reader.id)).mention).toBe("immediate");
  });
});

describe("a digest email delivered over SMTP", () => {
  it("unsubscribes from the digest's kinds only, and starts no conversation", async () => {
    const reader = await createUser({ displayName: "Digest Dora" });
    const poster = await createUser();
    const space = await createTestSpace({ name: "Digest space" });
    await setSpaceWatch(reader, space.id, true);
    // One kind moved into the digest by hand, one kept immediate.
    await setEmailPreferences(reader.id, {
      ...(await getEmailPreferences(reader.id)),
      proposal_stage: "digest",
    });
    const created = await createTestThread(poster, space.id, { title: "Something new" });
    await notifyAboutNewPost({
      actor: poster,
      threadId: created.threadId,
      postId: created.postId,
      mentionIds: [],
      isNewThread: true,
    });
    const before = sink.received.length;
    await sendNotificationDigests();
    const digest = (await sink.waitFor(before + 1))
      .slice(before)
      .find((email) => email.to.includes(reader.email))!;
    expect(one(digest, "Auto-Submitted")).toBe("auto-generated");
    expect(one(digest, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const link = unsubscribeLinkOf(digest);
    expect(link).toContain(`/unsubscribe/${reader.id}.digest.`);
    expect(one(digest, "Message-ID")).toMatch(new RegExp(`^<digest-[0-9a-f-]{36}@${HOST}>$`));
    expect(header(digest, "In-Reply-To")).toBeUndefined();
    expect(header(digest, "References")).toBeUndefined();
    expect(digest.text).toContain(`Unsubscribe from these emails: ${link}`);

    const page = await getPage(link);
    expect(page.body).toMatchObject({ link: { topic: "digest" } });
    const digestKinds = (page.body as { link: { stillEmailed: string[] } }).link.stillEmailed;
    expect(digestKinds).toEqual(
      expect.arrayContaining(["watched_thread", "watched_space", "proposal_stage"]),
    );

    expect((await postTo(link)).body).toMatchObject({
      done: "Unsubscribed: no more daily digests.",
    });
    const preferences = await getEmailPreferences(reader.id);
    for (const kind of digestKinds) expect(preferences[kind as "mention"], kind).toBe("off");
    expect(preferences.mention).toBe("immediate");
    expect(preferences.reply).toBe("immediate");
    expect((await getPage(link)).body).toMatchObject({ link: { stillEmailed: [] } });
  });
});
