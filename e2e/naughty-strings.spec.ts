import type { APIRequestContext, Page } from "@playwright/test";
import {
  createAccount,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  test,
} from "./fixtures";

// Strings that have broken other software: bytes PostgreSQL can't store, script in every
// context, direction overrides, huge and empty values. Every form and every search parameter
// gets each of them: the server must answer with a page (never a 5xx), and no script may run.
const MARK = "__naughty";
const NAUGHTY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\u202eevil\u202c",
  "\ufeffBOM",
  "\u2028\u2029",
  "Z̸̡̢̛̙̤̞͓̠a̷l̵g̶o̸",
  "🏳️‍🌈👩🏽‍💻",
  "'; drop table users; --",
  '" or 1=1 --',
  "%s%s%n%x",
  "{{7*7}}${7*7}<%= 7*7 %>",
  "../../../../etc/passwd",
  `<script>window.${MARK}=1</script>`,
  `"><img src=x onerror="window.${MARK}=1">`,
  `<svg onload=window.${MARK}=1>`,
  `javascript:window.${MARK}=1`,
  `[x](javascript:window.${MARK}=1)`,
  "-1",
  "99999999999999999999999",
  "NaN",
  "null",
  "\r\n\r\n\t",
  "@".repeat(300),
  "x".repeat(70_000),
];

type FormShape = {
  method: string;
  action: string;
  fields: Array<{ name: string; kind: "text" | "fixed"; value: string }>;
};

/** Every form on the page as the server rendered it, with which fields a person types into. */
async function formsOn(page: Page, path: string): Promise<FormShape[]> {
  await page.goto(path);
  return page.locator("form").evaluateAll((forms) =>
    forms.map((form) => {
      const element = form as HTMLFormElement;
      const fields: FormShape["fields"] = [];
      for (const control of Array.from(element.elements)) {
        const input = control as HTMLInputElement;
        if (!input.name || input.disabled) continue;
        const typed =
          input.tagName === "TEXTAREA" ||
          ["text", "email", "search", "password", "url", "date", "number"].includes(input.type);
        if ((input.type === "radio" || input.type === "checkbox") && !input.checked) continue;
        fields.push({ name: input.name, kind: typed ? "text" : "fixed", value: input.value });
      }
      return {
        method: (element.getAttribute("method") ?? "get").toLowerCase(),
        action: new URL(element.action, location.href).pathname + new URL(element.action).search,
        fields,
      };
    }),
  );
}

async function submitEverywhere(
  request: APIRequestContext,
  forms: FormShape[],
  origin: string,
  where: string,
) {
  for (const form of forms) {
    // Signing out would end the session the rest of the test needs.
    if (form.action.startsWith("/logout")) continue;
    for (const naughty of NAUGHTY) {
      const values: Record<string, string> = {};
      for (const field of form.fields) {
        values[field.name] = field.kind === "text" ? naughty : field.value;
      }
      // The editor's JSON carries the string inside a document, with JSON's own escapes.
      if ("body" in values) {
        values.bodyJson = JSON.stringify({
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: naughty || "x" }] }],
        });
      }
      const response =
        form.method === "post"
          ? await request.post(form.action, {
              form: values,
              headers: { Origin: origin },
              maxRedirects: 0,
            })
          : await request.get(form.action, { params: values, maxRedirects: 0 });
      expect(
        response.status(),
        `${form.method} ${form.action} from ${where} with ${JSON.stringify(naughty.slice(0, 40))}`,
      ).toBeLessThan(500);
    }
  }
}

async function expectNoScriptRan(page: Page, paths: string[]) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  for (const path of paths) {
    await page.goto(path);
    const ran = await page.evaluate(
      (mark) => (window as unknown as Record<string, unknown>)[mark],
      MARK,
    );
    expect(ran, path).toBeUndefined();
  }
  expect(dialogs).toEqual([]);
}

// Every form, every string: about two minutes on a quiet machine, double that on a busy one.
test.describe.configure({ timeout: 600_000 });

test("every form answers naughty strings with a page, and none of them runs as script", async ({
  page,
  signIn,
  baseURL,
}) => {
  const admin = await createUser({ role: "admin", displayName: "Nadia Naughty" });
  const member = await createUser({ displayName: "Target Member" });
  const account = await createAccount();
  const space = await createTestSpace({ visibility: "private" });
  const { threadId, postId } = await createTestThread(admin, space.id, { replies: 1 });
  await signIn(page, admin);

  const pages = [
    "/settings",
    "/search",
    "/admin/members",
    "/admin/members/invite",
    `/admin/members/${member.id}`,
    "/admin/accounts",
    "/admin/accounts/new",
    `/admin/accounts/${account.id}`,
    "/admin/spaces/new",
    `/admin/spaces/${space.id}`,
    "/admin/tiers",
    `/spaces/${space.slug}`,
    `/spaces/${space.slug}/new`,
    `/spaces/${space.slug}/manage`,
    `/t/${threadId}`,
    `/p/${postId}/edit`,
  ];
  for (const path of pages) {
    await submitEverywhere(page.request, await formsOn(page, path), baseURL!, path);
  }

  // Every parameter a page reads from its address.
  const queries = [
    ["/search", ["q", "space", "kind", "author", "from", "to", "sort", "page"]],
    ["/admin/members", ["q", "role", "status", "page"]],
    ["/admin/accounts", ["q", "page"]],
    [`/spaces/${space.slug}`, ["sort", "page"]],
    [`/t/${threadId}`, ["page", "replyTo"]],
    [`/p/${postId}/history`, ["page"]],
    ["/notifications", ["page"]],
    ["/resources/mentions", ["q", "space"]],
  ] as const;
  for (const [path, names] of queries) {
    for (const name of names) {
      for (const naughty of NAUGHTY) {
        const response = await page.request.get(path, {
          params: { [name]: naughty, space: name === "space" ? naughty : space.id },
          maxRedirects: 0,
        });
        expect(
          response.status(),
          `${path}?${name}=${JSON.stringify(naughty.slice(0, 40))}`,
        ).toBeLessThan(500);
      }
    }
  }

  await expectNoScriptRan(page, [
    `/t/${threadId}`,
    `/spaces/${space.slug}`,
    "/spaces",
    "/admin/accounts",
    "/admin/spaces",
    `/u/${admin.handle}`,
    `/search?q=${encodeURIComponent("naughty window")}`,
    `/search?q=${encodeURIComponent(`<img src=x onerror="window.${MARK}=1">`)}`,
  ]);
});

test("signed-out forms answer naughty strings with a page", async ({ page, baseURL }) => {
  const forms = [
    ...(await formsOn(page, "/login")),
    ...(await formsOn(page, "/forgot-password")),
    ...(await formsOn(page, "/reset-password/not-a-token")),
  ];
  await submitEverywhere(page.request, forms, baseURL!, "signed-out pages");
  for (const naughty of NAUGHTY) {
    for (const path of ["/login", `/reset-password/${pathSegment(naughty)}`]) {
      const response = await page.request.get(path, {
        params: { redirectTo: naughty, notice: naughty },
        maxRedirects: 0,
      });
      expect(
        response.status(),
        `${path} with ${JSON.stringify(naughty.slice(0, 40))}`,
      ).toBeLessThan(500);
    }
  }
});

/** The string as a path segment; half a surrogate pair becomes the raw bytes a client could send. */
function pathSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return "%ED%A0%80";
  }
}
