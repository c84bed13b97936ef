import { describe, expect, it } from "vitest";
import { createUser } from "#db/testing/factories";
import {
  createProfileField,
  listMyProfileFields,
  listProfileAnswersShownTo,
  saveMyProfileFields,
  setProfileFieldRetired,
} from "./profile-field.server";

describe("volunteered profile fields", () => {
  it("are defined by admins alone", async () => {
    for (const role of ["member", "moderator", "staff"] as const) {
      const person = await createUser({ role });
      await expect(
        createProfileField(person, { label: "Your role", purpose: "To know you" }),
      ).rejects.toMatchObject({ status: 403 });
    }
  });

  it("show each answer only to the audience its member chose, on every role", async () => {
    const admin = await createUser({ role: "admin" });
    const role = await createProfileField(admin, { label: `Role ${Date.now()}`, purpose: "p" });
    const size = await createProfileField(admin, { label: `Size ${Date.now()}`, purpose: "p" });
    const tools = await createProfileField(admin, { label: `Tools ${Date.now()}`, purpose: "p" });
    const member = await createUser();
    await saveMyProfileFields(member, [
      { fieldId: role, value: "Head of Finance", visibility: "members" },
      { fieldId: size, value: "40", visibility: "staff" },
      { fieldId: tools, value: "Spreadsheets", visibility: "self" },
    ]);
    const seenBy = async (viewer: Parameters<typeof listProfileAnswersShownTo>[0]) =>
      (await listProfileAnswersShownTo(viewer, member.id)).map((a) => a.value).sort();

    expect(await seenBy(await createUser())).toEqual(["Head of Finance"]);
    expect(await seenBy(await createUser({ role: "moderator" }))).toEqual(["Head of Finance"]);
    expect(await seenBy(await createUser({ role: "staff" }))).toEqual(["40", "Head of Finance"]);
    expect(await seenBy(admin)).toEqual(["40", "Head of Finance"]);
    expect(await seenBy(member)).toEqual(["40", "Head of Finance", "Spreadsheets"]);

    // A blank answer removes it; a retired question takes no new answers.
    await saveMyProfileFields(member, [{ fieldId: size, value: "  ", visibility: "staff" }]);
    expect(await seenBy(admin)).toEqual(["Head of Finance"]);
    await setProfileFieldRetired(admin, size, true);
    await expect(
      saveMyProfileFields(member, [{ fieldId: size, value: "41", visibility: "staff" }]),
    ).rejects.toMatchObject({ status: 409 });
    // An answer to a retired question stays the member's, listed for them to change or remove.
    await setProfileFieldRetired(admin, role, true);
    const mine = await listMyProfileFields(member);
    expect(mine.find((field) => field.id === role)).toMatchObject({
      retired: true,
      value: "Head of Finance",
    });
    expect(mine.some((field) => field.id === size)).toBe(false);
  });
});
