import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ActionFunction } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { outcome, routeContext, signedIn } from "#db/testing/requests";
import { parseSubmission } from "~/utils/form.server";

// Field names a form library expands: one of these used to take the whole server down (a
// hundred-million-slot array built and then serialised into the answer), another overflowed
// the stack. Each must meet a bounded answer in bounded time.
const deepName = Array.from({ length: 20_000 }, () => "a").join(".");
const hostileBodies: Record<string, { type: string; body: string }> = {
  "a huge array index": { type: "form", body: "x%5B100000000%5D=1&email=x" },
  "a name nested 20,000 deep": { type: "form", body: `${encodeURIComponent(deepName)}=1&email=x` },
  "ten thousand unknown fields": {
    type: "form",
    body: Array.from({ length: 10_000 }, (_, index) => `f${index}=1`).join("&"),
  },
  "a JSON body": { type: "json", body: JSON.stringify({ email: "x", "x[100000000]": 1 }) },
  "a text body": { type: "text", body: "email=x" },
};
const contentTypes: Record<string, string> = {
  form: "application/x-www-form-urlencoded",
  json: "application/json",
  text: "text/plain",
};

const MAX_ANSWER_BYTES = 64 * 1024;
const MAX_MILLISECONDS = 3_000;

function routeModules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeModules(full);
    if (!/\.tsx?$/.test(name) || name.includes(".test.") || name.startsWith("__")) return [];
    return /export (async )?function action\b/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

// Every dynamic segment any route has, with a value of the right shape that names nothing.
const params = {
  threadId: "00000000-0000-4000-8000-000000000001",
  postId: "00000000-0000-4000-8000-000000000002",
  itemId: "00000000-0000-4000-8000-000000000003",
  spaceId: "00000000-0000-4000-8000-000000000004",
  accountId: "00000000-0000-4000-8000-000000000005",
  userId: "00000000-0000-4000-8000-000000000006",
  noticeId: "00000000-0000-4000-8000-000000000007",
  integrationId: "00000000-0000-4000-8000-000000000008",
  slug: "no-such-space",
  handle: "nobody-here",
  token: "no-such-token",
  "*": "nothing",
};

const root = path.resolve("app/routes");
const modules = routeModules(root);

describe("every form route answers hostile bodies in bounded time and size", () => {
  it("finds the form routes", () => {
    expect(modules.length).toBeGreaterThan(20);
  });

  for (const file of modules) {
    const name = path.relative(root, file);
    it(name, async () => {
      const { action } = (await import(/* @vite-ignore */ file)) as { action: ActionFunction };
      const admin = await signedIn("admin");
      for (const signedInAs of [null, admin.cookie]) {
        for (const [label, { type, body }] of Object.entries(hostileBodies)) {
          const request = new Request(`http://localhost/${name}`, {
            method: "POST",
            headers: {
              "Content-Type": contentTypes[type],
              Origin: "http://localhost",
              ...(signedInAs ? { Cookie: signedInAs } : {}),
            },
            body,
          });
          const started = performance.now();
          const answer = await outcome(() =>
            Promise.resolve(action({ request, params, context: routeContext })),
          );
          const elapsed = performance.now() - started;
          const size = JSON.stringify(answer.body ?? null).length;
          const where = `${label}, ${signedInAs ? "as an admin" : "signed out"}`;
          expect(answer.status, where).toBeLessThan(500);
          expect(size, where).toBeLessThan(MAX_ANSWER_BYTES);
          expect(elapsed, where).toBeLessThan(MAX_MILLISECONDS);
        }
      }
    });
  }
});

describe("parseSubmission", () => {
  const schema = z.object({ email: z.email(), tags: z.array(z.string()).optional() });
  const post = (body: string, type = contentTypes.form) =>
    new Request("http://localhost/", {
      method: "POST",
      headers: { "Content-Type": type },
      body,
    });

  it("keeps only the fields the schema names, and echoes only those back", async () => {
    const submission = await parseSubmission(
      post(`x%5B100000000%5D=1&${encodeURIComponent(deepName)}=1&email=not-an-email&extra=1`),
      schema,
    );
    expect(submission.status).toBe("error");
    expect(Object.keys(submission.reply().initialValue ?? {})).toEqual(["email"]);
  });

  it("keeps a bounded number of values for a list field", async () => {
    const many = Array.from({ length: 2_000 }, (_, index) => `tags=t${index}`).join("&");
    const submission = await parseSubmission(post(`email=a@example.com&${many}`), schema);
    expect(submission.status).toBe("success");
    if (submission.status === "success") expect(submission.value.tags).toHaveLength(500);
  });

  it("answers another kind of body with 415 and words", async () => {
    const answer = await outcome(() =>
      parseSubmission(post('{"email":"a"}', contentTypes.json), schema),
    );
    expect(answer.status).toBe(415);
    expect(answer.body).toEqual({ message: expect.stringContaining("takes a form") });
  });
});

describe("no route reads a form any other way", () => {
  const servers = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return servers(full);
      return /\.tsx?$/.test(entry) && !entry.includes(".test.") ? [full] : [];
    });
  for (const file of servers(root)) {
    it(path.relative(root, file), () => {
      const source = readFileSync(file, "utf8");
      // The browser's own check (onValidate) may parse directly: nothing reaches the server there.
      const serverSide = source.replace(/onValidate:[^\n]*\n/g, "");
      expect(serverSide).not.toMatch(/request\.formData\(\)|parseWithZod\(/);
    });
  }
});
