import { describe, expect, it } from "vitest";
import { handleUnhandledRejection } from "./unhandled-rejection.server";

function run(reason: unknown) {
  const lines: string[] = [];
  const exits: number[] = [];
  const log = {
    warn: (_: object, message: string) => lines.push(`warn ${message}`),
    fatal: (_: object, message: string) => lines.push(`fatal ${message}`),
  };
  handleUnhandledRejection(log, (code) => exits.push(code))(reason);
  return { lines, exits };
}

describe("an unhandled rejection", () => {
  it("that only says the database went away is logged, and the process goes on", () => {
    for (const reason of [
      Object.assign(new Error("terminating connection due to administrator command"), {
        code: "57P01",
      }),
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      new Error("Connection terminated unexpectedly"),
    ]) {
      const { lines, exits } = run(reason);
      expect(exits).toEqual([]);
      expect(lines).toEqual(["warn lost the database during background work"]);
    }
  });

  it("of any other kind ends the process, as Node's default would", () => {
    for (const reason of [new TypeError("x is undefined"), "a string", null]) {
      const { lines, exits } = run(reason);
      expect(exits).toEqual([1]);
      expect(lines).toEqual(["fatal unhandled promise rejection"]);
    }
  });
});
