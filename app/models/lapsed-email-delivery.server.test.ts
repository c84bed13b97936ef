import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { lapsedEntries } from "#db/schema";
import { createTestQuietMember, createUser } from "#db/testing/factories";
import { startSmtpSink } from "#db/testing/smtp-sink";
import { db } from "~/db.server";
import { detectLapsedEntries } from "./lapsed-detection.server";
import { sendLapsedEmail } from "./lapsed-email.server";

// Delivered to a real SMTP server on loopback: a member's answer to staff's outreach reaches the
// staff member who wrote it, not the community's no-reply address.

const sink = await startSmtpSink();
process.env.SMTP_URL = sink.url;
afterAll(() => sink.close());

describe("lapsed outreach, as delivered", () => {
  it("carries Reply-To the staff member who wrote it, and is not marked machine-written", async () => {
    const staff = await createUser({ role: "staff", displayName: "Maya Staff" });
    const member = await createTestQuietMember();
    await detectLapsedEntries();
    const [entry] = await db
      .select({ id: lapsedEntries.id })
      .from(lapsedEntries)
      .where(eq(lapsedEntries.userId, member.id));
    const { delivered } = await sendLapsedEmail(staff, entry.id, {
      recipientId: member.id,
      subject: "We miss you",
      body: "Hi {{name}}, how are things?",
    });
    expect(delivered).toBe(true);
    const [email] = (await sink.waitFor(1)).filter((sent) => sent.to.includes(member.email));
    expect(email.headers.get("reply-to")).toEqual([`Maya Staff <${staff.email}>`]);
    expect(email.headers.get("auto-submitted")).toBeUndefined();
  });
});
