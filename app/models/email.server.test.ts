import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxEmails } from "#db/schema";
import { db } from "~/db.server";
import { sendEmail } from "./email.server";

// An SMTP server that refuses every connection: delivery fails, as when a mail relay is down.
process.env.SMTP_URL = "smtp://127.0.0.1:1";

describe("sendEmail with SMTP configured", () => {
  it("keeps no working link from a sensitive email, and reports a refused delivery", async () => {
    const result = await sendEmail({
      to: "someone@example.test",
      subject: "Reset your Vanguard password",
      kind: "password-reset",
      sensitive: true,
      text: "Choose a new one here: http://localhost:3000/reset-password/secret-token",
    });
    expect(result.delivered).toBe(false);
    const [stored] = await db
      .select()
      .from(outboxEmails)
      .where(eq(outboxEmails.to, "someone@example.test"));
    expect(stored.text).not.toContain("secret-token");
    expect(stored.text).toContain("[link delivered by email, not kept here]");
    expect(stored.error).toBeTruthy();
    expect(stored.sentAt).toBeNull();
  });
});
