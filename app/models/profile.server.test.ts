import { describe, expect, it } from "vitest";
import { createUser, TEST_PASSWORD } from "#db/testing/factories";
import { changePassword } from "./profile.server";

const NO_CLIENT = { ip: "", userAgent: "" };

describe("changePassword", () => {
  it("delays guesses at the current password like sign-ins", async () => {
    const user = await createUser();
    for (let attempt = 0; attempt < 6; attempt++) {
      expect(
        await changePassword(user.id, `guess-${attempt}`, "a-new-passphrase-1", NO_CLIENT),
      ).toEqual({
        ok: false,
        reason: "wrong-password",
      });
    }
    // Even the right password waits: a borrowed session learns nothing while it does.
    expect(await changePassword(user.id, TEST_PASSWORD, "a-new-passphrase-1", NO_CLIENT)).toEqual({
      ok: false,
      reason: "waiting",
      retryInMinutes: 1,
    });
  });

  it("changes the password with the right current one", async () => {
    const user = await createUser();
    expect(
      await changePassword(user.id, TEST_PASSWORD, "a-new-passphrase-1", NO_CLIENT),
    ).toMatchObject({
      ok: true,
      cookie: expect.stringContaining("="),
    });
  });
});
