import { describe, expect, it } from "vitest";
import { ageTestIdempotencyClaim, createUser, TEST_PASSWORD } from "#db/testing/factories";
import { claimIdempotencyKey, settleIdempotencyKey } from "./api-idempotency.server";
import { createApiToken } from "./api-token.server";

describe("idempotency keys", () => {
  it("run once, replay the answer, refuse another request, and free a claim its process left", async () => {
    const staff = await createUser({ role: "staff" });
    const { id: tokenId } = await createApiToken(staff, {
      name: "sync",
      scopes: ["write"],
      lifetimeDays: 30,
      password: TEST_PASSWORD,
    });
    expect(await claimIdempotencyKey(tokenId, "k1", "POST /x abc")).toEqual({ kind: "run" });
    // The first is still running: a retry waits.
    await expect(claimIdempotencyKey(tokenId, "k1", "POST /x abc")).rejects.toMatchObject({
      status: 409,
    });
    await expect(claimIdempotencyKey(tokenId, "k1", "POST /x other")).rejects.toMatchObject({
      status: 422,
    });
    // Its process died: after two minutes unanswered, a retry runs it.
    await ageTestIdempotencyClaim(tokenId, "k1", 180);
    expect(await claimIdempotencyKey(tokenId, "k1", "POST /x abc")).toEqual({ kind: "run" });
    await expect(claimIdempotencyKey(tokenId, "k1", "POST /x abc")).rejects.toMatchObject({
      status: 409,
    });
    await settleIdempotencyKey(tokenId, "k1", { status: 201, body: '{"ok":true}' });
    // An answered key is never taken over, however old.
    await ageTestIdempotencyClaim(tokenId, "k1", 3_600);
    expect(await claimIdempotencyKey(tokenId, "k1", "POST /x abc")).toEqual({
      kind: "replay",
      status: 201,
      body: '{"ok":true}',
    });
  });
});
