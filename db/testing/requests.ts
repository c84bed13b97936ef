import type { UserRole } from "#db/schema";
import { startSession } from "~/auth/session.server";
import type { ActionAnswer } from "~/utils/action-answer";
import { createUser } from "./factories";

type Session<Person> = {
  person: Person;
  cookie: string;
  get: (path: string) => Request;
  post: (path: string, fields: Record<string, string>) => Request;
};

/** The load context every route gets from the server. */
export const routeContext = { cspNonce: "", requestId: "test", clientIp: "127.0.0.1" };

type TestUser = Awaited<ReturnType<typeof createUser>>;

/**
 * A signed-in person making requests to route modules: `get(path)` and `post(path, fields)` build
 * the requests a browser would send (cookie, same-site Origin, a form body). Give a role for a new
 * person, or an existing person.
 */
export async function signedIn(who?: UserRole): Promise<Session<TestUser>>;
export async function signedIn<Person extends { id: string }>(
  who: Person,
): Promise<Session<Person>>;
export async function signedIn(
  who: UserRole | { id: string },
): Promise<Session<TestUser | { id: string }>>;
export async function signedIn(who: UserRole | { id: string } = "member") {
  const person = typeof who === "string" ? await createUser({ role: who }) : who;
  const cookie = (await startSession(person.id)).split(";")[0];
  return {
    person,
    cookie,
    get: (path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }),
    post: (path: string, fields: Record<string, string>) =>
      new Request(`http://localhost${path}`, {
        method: "POST",
        headers: {
          Cookie: cookie,
          Origin: "http://localhost",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(fields),
      }),
  };
}

export type Outcome = { status: number; body: unknown; result: unknown };

/**
 * What a loader or action answered, however it answered it: a returned or thrown Response, a
 * `data(…, init)` value, or a plain object (200). `body` is the data the page would receive.
 */
export async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return await describeAnswer(await run());
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithInit(thrown)) return describeAnswer(thrown);
    throw thrown;
  }
}

/** Just the status of `outcome`. */
export async function statusOf(run: () => Promise<unknown>): Promise<number> {
  return (await outcome(run)).status;
}

function isDataWithInit(value: unknown): value is { data: unknown; init: { status?: number } } {
  return (
    typeof value === "object" &&
    value !== null &&
    "init" in value &&
    "data" in value &&
    (value as { type?: string }).type === "DataWithResponseInit"
  );
}

async function describeAnswer(answer: unknown): Promise<Outcome> {
  if (answer instanceof Response) {
    const text = await answer.clone().text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: answer.status, body, result: answer };
  }
  if (isDataWithInit(answer)) {
    return { status: answer.init?.status ?? 200, body: answer.data, result: answer };
  }
  return { status: 200, body: answer, result: answer };
}

/** An action's answer in the one shape (`ActionAnswer`), with its status. */
export async function answerOf(run: () => Promise<unknown>) {
  const { status, body } = await outcome(run);
  const answer = body as ActionAnswer<unknown> & {
    result: { initialValue?: Record<string, unknown> | null; error?: Record<string, string[]> };
  };
  return { status, ...answer };
}
