import { describe, expect, it } from "vitest";
import { formatCount, formatMoney, formatMoneyCompact, formatPercent } from "./format";

// The same strings a browser produces, so server-rendered numbers hydrate without mismatches.
describe("number formatting", () => {
  it("formats money for people", () => {
    expect(formatMoneyCompact(900_000_000_00)).toBe("$900M");
    expect(formatMoneyCompact(400_000_00)).toBe("$400K");
    expect(formatMoneyCompact(12_345_67)).toBe("$12.3K");
    expect(formatMoneyCompact(0)).toBe("$0");
    expect(formatMoney(1_234_567_00)).toBe("$1,234,567");
  });
  it("formats shares and counts", () => {
    expect(formatPercent(0.286)).toBe("28.6%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatCount(1200)).toBe("1.2K");
    expect(formatCount(51)).toBe("51");
  });
});
