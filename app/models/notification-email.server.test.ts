import { describe, expect, it } from "vitest";
import { emailExcerpt } from "./notification-email.server";

describe("a post in a plain-text email", () => {
  it("keeps list items on their own lines and folds blank runs", () => {
    expect(emailExcerpt("Agenda:\n\n\n\n1. Adoption\n2.   Renewal   risks\n   - budget")).toBe(
      "Agenda:\n\n1. Adoption\n2. Renewal risks\n - budget",
    );
  });

  it("stops at 400 characters", () => {
    const cut = emailExcerpt("word ".repeat(200));
    expect(cut).toHaveLength(398);
    expect(cut.endsWith("…")).toBe(true);
  });
});
