import { describe, expect, it } from "vitest";
import { pageNumbers } from "./pagination";

describe("page numbers", () => {
  it("shows every page of a short list", () => {
    expect(pageNumbers(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageNumbers(3, 5)).toEqual([1, 2, 3, 4, 5]);
  });
  it("keeps the first, the last and the neighbours of the current page in a long one", () => {
    expect(pageNumbers(1, 40)).toEqual([1, 2, "gap", 40]);
    expect(pageNumbers(20, 40)).toEqual([1, "gap", 19, 20, 21, "gap", 40]);
    expect(pageNumbers(40, 40)).toEqual([1, "gap", 39, 40]);
  });
});
