import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { lapsedEntries } from "#db/schema";
import {
  createTestQuietMember,
  createUser,
  emailsTo,
  setTestSilenced,
} from "#db/testing/factories";
import { db } from "~/db.server";
import { detectLapsedEntries } from "./lapsed-detection.server";
import { fillPlaceholders, sendLapsedEmail } from "./lapsed-email.server";
import { addWatchedWord, removeWatchedWord } from "./watched-word.server";

/** A quiet member, and their entry on the lapsed list. */
async function memberOnTheList() {
  const member = await createTestQuietMember();
  await detectLapsedEntries();
  const [entry] = await db
    .select({ id: lapsedEntries.id })
    .from(lapsedEntries)
    .where(eq(lapsedEntries.userId, member.id));
  return { member, entry };
}

const values = { name: "Ada", account: "Acme", sender: "Sam" };

describe("lapsed email: hostile templates", () => {
  it("fills placeholders in time linear in the text, however the braces and spaces are laid out", () => {
    // An unclosed placeholder followed by whitespace took cubic time (seconds for 2,000
    // characters, minutes for a whole email), holding the server for everyone.
    const hostile = `{{${" ".repeat(2_000)}`;
    const started = performance.now();
    expect(fillPlaceholders(hostile, values, "body")).toBe(hostile);
    expect(performance.now() - started).toBeLessThan(250);
    expect(fillPlaceholders("Hi {{ name }} of {{account}}, {{sender}}", values, "body")).toBe(
      "Hi Ada of Acme, Sam",
    );
    // A filled value is not read again for placeholders.
    expect(fillPlaceholders("{{name}}", { ...values, name: "{{sender}}" }, "body")).toBe(
      "{{sender}}",
    );
    expect(() => fillPlaceholders("{{ password }}", values, "body")).toThrow(/isn't a placeholder/);
  });

  it("sends a subject on one line, whatever line breaks the subject or the names carry", async () => {
    const staff = await createUser({ role: "staff" });
    const { member, entry } = await memberOnTheList();
    await sendLapsedEmail(staff, entry.id, {
      recipientId: member.id,
      subject: "Hello\r\nBcc: someone@example.com\r\n\r\nHi",
      body: "Hi {{name}}",
    });
    const [sent] = await emailsTo(member.email);
    expect(sent.subject).toBe("Hello Bcc: someone@example.com Hi");
  });

  it("meets the posting check as every staff word members read does: silence and blocked words", async () => {
    const staff = await createUser({ role: "staff" });
    const { member, entry } = await memberOnTheList();
    const email = { recipientId: member.id, subject: "Checking in", body: "Hi {{name}}" };
    await setTestSilenced(staff.id, true);
    await expect(sendLapsedEmail(staff, entry.id, email)).rejects.toMatchObject({ status: 403 });
    await setTestSilenced(staff.id, false);

    const moderator = await createUser({ role: "moderator" });
    const phrase = `forbidden${Date.now()}`;
    const word = await addWatchedWord(moderator, { phrase, action: "block" });
    try {
      await expect(
        sendLapsedEmail(staff, entry.id, { ...email, body: `Hi {{name}}, ${phrase}` }),
      ).rejects.toMatchObject({ status: 422 });
      await expect(
        sendLapsedEmail(staff, entry.id, { ...email, subject: `About ${phrase}` }),
      ).rejects.toMatchObject({ status: 422 });
    } finally {
      await removeWatchedWord(moderator, word);
    }
    expect(await emailsTo(member.email)).toEqual([]);
    await sendLapsedEmail(staff, entry.id, email);
    expect(await emailsTo(member.email)).toHaveLength(1);
  });
});
