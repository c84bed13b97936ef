import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

describe("safeRedirectPath", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirectPath("/admin/members?role=staff")).toBe("/admin/members?role=staff");
  });
  it.each([
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "evil",
    "/\t/evil.example",
    "",
    null,
  ])("refuses %j", (value) => {
    expect(safeRedirectPath(value)).toBe("/");
  });
  it("never loops back to sign in or out", () => {
    expect(safeRedirectPath("/login?redirectTo=/x")).toBe("/");
    expect(safeRedirectPath("/logout")).toBe("/");
  });
});
