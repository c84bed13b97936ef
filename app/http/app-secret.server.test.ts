import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureAppSecret, MISSING_APP_SECRET } from "./app-secret.server";

describe("the secret that signs emailed links", () => {
  let kept: string | undefined;
  let file: string;
  beforeEach(() => {
    kept = process.env.APP_SECRET;
    delete process.env.APP_SECRET;
    file = path.join(mkdtempSync(path.join(tmpdir(), "vanguard-secret-")), ".data", "app-secret");
  });
  afterEach(() => {
    process.env.APP_SECRET = kept;
  });

  it("must be given to production on a configured database: it refuses to guess one", () => {
    expect(ensureAppSecret({ production: true, databaseConfigured: true, file })).toEqual({
      ok: false,
      message: MISSING_APP_SECRET,
    });
    expect(process.env.APP_SECRET).toBeUndefined();
  });

  it("is used as given, when long enough", () => {
    process.env.APP_SECRET = "short";
    expect(ensureAppSecret({ production: true, databaseConfigured: true, file })).toMatchObject({
      ok: false,
    });
    process.env.APP_SECRET = "a".repeat(64);
    expect(ensureAppSecret({ production: true, databaseConfigured: true, file })).toEqual({
      ok: true,
      generated: false,
    });
  });

  it("is made once and kept for the zero-config demo, so yesterday's links still work", () => {
    expect(ensureAppSecret({ production: true, databaseConfigured: false, file })).toEqual({
      ok: true,
      generated: true,
    });
    const first = process.env.APP_SECRET;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    delete process.env.APP_SECRET;
    ensureAppSecret({ production: false, databaseConfigured: true, file });
    expect(process.env.APP_SECRET).toBe(first);
  });
});
