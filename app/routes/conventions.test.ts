import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// One way to do each thing, kept by the build: a route that reads navigation state by hand, reads
// its action's data by hand or answers an action in its own shape fails here.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.includes(".test.") ? [full] : [];
  });
}

const app = path.resolve("app");
const files = sourceFiles(app).map((file) => ({
  name: path.relative(app, file),
  source: readFileSync(file, "utf8"),
}));

/** The body of `export async function action`, up to the function's closing brace. */
function actionBody(source: string): string {
  const start = source.indexOf("export async function action(");
  if (start < 0) return "";
  const end = source.indexOf("\n}\n", start);
  return source.slice(start, end < 0 ? undefined : end);
}

describe("conventions", () => {
  it("pending buttons ask useIsPending, never navigation state", () => {
    const readers = files
      .filter(({ source }) => /\buseNavigation\b/.test(source))
      .map(({ name }) => name);
    expect(readers).toEqual(["utils/use-is-pending.ts"]);
  });

  it("pages read their action's answer with useActionAnswer, never useActionData", () => {
    const readers = files
      .filter(({ source }) => /\buseActionData\b/.test(source))
      .map(({ name }) => name);
    expect(readers).toEqual(["utils/action-answer.ts"]);
  });

  it("only the answer helpers build a form's reply", () => {
    const builders = files.filter(({ source }) => /\.reply\(/.test(source)).map(({ name }) => name);
    expect(builders).toEqual(["utils/action-answer.server.ts"]);
  });

  it("actions answer through the answer helpers (or redirect), never in a shape of their own", () => {
    const ownShapes = files
      .filter(({ name }) => name.startsWith("routes/") && !name.startsWith("routes/resources+/"))
      // data(…) anywhere, or an object literal returned by the action itself (a work function
      // inside answerWork returns { done, details } one level deeper, which is its shape).
      .filter(({ source }) => /\breturn data\(|\n {2}return \{/.test(actionBody(source)))
      .map(({ name }) => name);
    expect(ownShapes).toEqual([]);
  });

  it("models refuse with Refusal, the one refusal type", () => {
    const ownErrors = files
      .filter(({ name }) => name.startsWith("models/") || name.startsWith("auth/"))
      .filter(({ source }) => /class \w+ extends Error\b/.test(source))
      .map(({ name }) => name);
    expect(ownErrors).toEqual(["models/refusal.server.ts"]);
  });
});
