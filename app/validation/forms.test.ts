import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { InviteSchema, TierSettingsSchema } from "./admin";
import { AcceptInvitationSchema } from "./auth";
import { SpaceSchema } from "./forums";

function errorsOf(
  schema: Parameters<typeof parseWithZod>[1]["schema"],
  fields: Record<string, string>,
) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.set(name, value);
  const submission = parseWithZod(formData, { schema });
  return Object.keys(submission.reply().error ?? {}).sort();
}

// Rules across fields (an account for members, matching passwords) used to wait until every
// other field was right, so people met one error per submission.
describe("forms report every problem in one round", () => {
  it("the invitation: a bad email and a member without an account", () => {
    expect(errorsOf(InviteSchema, { email: "nope", role: "member", accountId: "" })).toEqual([
      "accountId",
      "email",
    ]);
  });

  it("joining: no name, a bad handle, a short password typed differently twice", () => {
    expect(
      errorsOf(AcceptInvitationSchema, {
        displayName: "",
        handle: "not a handle!",
        password: "short",
        confirmPassword: "shorter",
      }),
    ).toEqual(["confirmPassword", "displayName", "handle", "password"]);
  });

  it("the tier settings and a tier space without its tier", () => {
    expect(errorsOf(TierSettingsSchema, { topTierPercent: "", highTierPercent: "5" })).toEqual([
      "topTierPercent",
    ]);
    expect(
      errorsOf(SpaceSchema, { name: "", slug: "Bad Slug", visibility: "tier", minTier: "" }),
    ).toEqual(["minTier", "name", "slug"]);
  });
});
