// The load of issue 25, item 5, shared by the load, kill and database-restart tests: signed-in
// members, one autocannon connection each, spread over the app processes, each walking the same
// visit over and over (home, a space's threads, threads, the idea board, an idea, a proposal,
// searches) with a reply, a vote and a reaction along the way, posted through the real forms as a
// browser without JavaScript posts them. Every answer is recorded (when, which step, which
// process, status, time taken); every write the app acknowledged is kept for checking afterwards.
import type { EventEmitter } from "node:events";
import autocannon from "autocannon";
import {
  createCommunity,
  say,
  signInAll,
  startApp,
  startDatabase,
  type AppProcess,
  type Community,
  type SystemDatabase,
} from "./harness";

export type Answer = {
  /** Milliseconds since the load started, when the answer arrived. */
  at: number;
  route: string;
  port: number;
  status: number;
  ms: number;
};

export type AcknowledgedWrite =
  | { kind: "reply"; postId: string; at: number }
  | { kind: "vote"; userId: string; ideaId: string; at: number; port: number };

export type LoadResult = {
  startedAt: Date;
  durationMs: number;
  answers: Answer[];
  /** Connection errors and timeouts (no answer at all), by process port and time. */
  failures: Array<{ at: number; port: number; kind: "error" | "timeout" }>;
  acknowledged: AcknowledgedWrite[];
  connections: number;
  rate: number;
};

/** What each step expects as an answer: reads 200, a reply the redirect to it. */
export const EXPECTED_STATUS: Record<string, number> = {
  home: 200,
  "thread list": 200,
  "thread page": 200,
  "idea board": 200,
  "idea page": 200,
  "proposal page": 200,
  search: 200,
  reply: 302,
  vote: 200,
  react: 200,
};

/** The routes whose p99 the issue budgets (60 ms). */
export const BUDGETED_ROUTES = [
  "home",
  "thread list",
  "thread page",
  "idea board",
  "proposal page",
];

type Member = { id: string; cookie: string };
type Visit = { member: Member; thread: string; idea: string; n: number };
type Context = { visit?: Visit; vote?: { userId: string; ideaId: string; port: number } };

const SEARCHES = ["export", "schedule report", "weekly usage", "time zone", "reply number"];
const REACTIONS = ["helpful", "agree", "insightful", "thanks"];
const IMPORTANCES = ["nice_to_have", "important", "critical"];

/**
 * One visit, 25 requests: 22 reads (home 3, a space's thread list 3, thread pages 8, the idea board
 * 3, an idea 2, a proposal 1, searches 2) and 3 writes (a reply, a vote, a reaction): about what
 * a lively forum sees, mostly reading. A member replies once per visit, which keeps 200 members
 * under their own posting limits (6 replies a minute, 60 an hour) at a few hundred requests a second.
 */
const VISIT: Array<[route: string, path: (v: Visit) => string]> = [
  ["home", () => "/"],
  ["thread list", () => ""],
  ["thread page", (v) => `/t/${v.thread}`],
  ["thread page", (v) => `/t/${v.thread}?page=2`],
  ["idea board", () => "/ideas"],
  ["idea page", (v) => `/t/${v.idea}`],
  ["vote", (v) => `/t/${v.idea}`],
  ["search", () => ""],
  ["thread page", (v) => `/t/${v.thread}`],
  ["react", (v) => `/t/${v.thread}`],
  ["home", () => "/"],
  ["thread list", () => ""],
  ["thread page", (v) => `/t/${v.thread}`],
  ["proposal page", () => ""],
  ["idea board", () => "/ideas?sort=top"],
  ["thread page", (v) => `/t/${v.thread}`],
  ["reply", (v) => `/t/${v.thread}`],
  ["thread page", (v) => `/t/${v.thread}`],
  ["search", () => ""],
  ["idea page", (v) => `/t/${v.idea}`],
  ["home", () => "/"],
  ["thread list", () => ""],
  ["thread page", (v) => `/t/${v.thread}`],
  ["idea board", () => "/ideas"],
  ["thread page", (v) => `/t/${v.thread}`],
];

export type LoadOptions = {
  bases: string[];
  community: Community;
  /** The session cookie of each member, in the order of `community.members`. */
  cookies: string[];
  /** Post ids on each thread's first page, to react to. */
  postsByThread: Map<string, string[]>;
  proposalId: string;
  durationSeconds: number;
  /** Requests a second per member (0: as fast as the app answers). */
  rate: number;
  /** Called every second with the answers so far (progress, and tests acting mid-load). */
  onSecond?: (elapsedMs: number, answers: Answer[]) => void;
};

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { community, cookies, postsByThread } = options;
  const members: Member[] = community.members.map((m, i) => ({ id: m.id, cookie: cookies[i] }));
  const answers: Answer[] = [];
  const failures: LoadResult["failures"] = [];
  const acknowledged: AcknowledgedWrite[] = [];
  let visits = 0;
  let replies = 0;
  let last: { route: string; status: number } = { route: "", status: 0 };
  const startedAt = new Date();
  const start = performance.now();
  const elapsed = () => Math.round(performance.now() - start);

  const requests = VISIT.map(([route, path], step) => ({
    method: route === "reply" || route === "vote" || route === "react" ? "POST" : "GET",
    setupRequest: (request: Record<string, unknown>, context: Context) => {
      if (step === 0 || !context.visit) {
        const n = visits++;
        context.visit = {
          member: members[n % members.length],
          thread: community.threads[n % community.threads.length],
          idea: community.ideas[(n * 7) % community.ideas.length],
          n,
        };
      }
      const visit = context.visit;
      // The process this connection talks to: its forms' Origin, as a browser would send it.
      const base = `http://${String(request.host ?? `${String(request.hostname)}:${String(request.port)}`)}`;
      const headers: Record<string, string> = {
        Cookie: visit.member.cookie,
        "User-Agent": "vanguard-load-test",
      };
      let pathname = path(visit);
      let body: string | undefined;
      if (route === "thread list") pathname = `/spaces/${community.forum.slug}`;
      if (route === "proposal page") pathname = `/t/${options.proposalId}`;
      if (route === "search") {
        pathname = `/search?q=${encodeURIComponent(SEARCHES[(visit.n + step) % SEARCHES.length])}`;
      }
      if (route === "reply") {
        body = new URLSearchParams({
          intent: "reply",
          body: `Load test reply ${replies++} by a member on visit ${visit.n}: the weekly export arrived on time.`,
        }).toString();
      }
      if (route === "vote") {
        // What this request asks, kept with it: its answer acknowledges exactly this.
        context.vote = { userId: visit.member.id, ideaId: visit.idea, port: Number(request.port) };
        body = new URLSearchParams({
          intent: "vote",
          importance: IMPORTANCES[visit.n % IMPORTANCES.length],
        }).toString();
      }
      if (route === "react") {
        const posts = postsByThread.get(visit.thread) ?? [];
        body = new URLSearchParams({
          intent: "react",
          postId: posts[visit.n % posts.length],
          kind: REACTIONS[visit.n % REACTIONS.length],
        }).toString();
      }
      if (body !== undefined) {
        // The app checks where a form came from.
        headers.Origin = base;
        headers["Content-Type"] = "application/x-www-form-urlencoded";
      }
      return { ...request, path: pathname, headers, body };
    },
    onResponse: (
      status: number,
      _body: string,
      context: Context,
      headers: Record<string, string>,
    ) => {
      last = { route, status };
      const visit = context.visit;
      if (!visit) return;
      if (route === "reply" && status === 302) {
        const postId = headers.location?.match(/#post-([0-9a-f-]{36})$/)?.[1];
        if (postId) acknowledged.push({ kind: "reply", postId, at: elapsed() });
      }
      if (route === "vote" && status === 200 && context.vote) {
        acknowledged.push({ kind: "vote", ...context.vote, at: elapsed() });
        context.vote = undefined;
      }
    },
  }));

  const connections = members.length;
  let finish: (error: Error | null) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    finish = (error) => (error ? reject(error) : resolve());
  });
  const instance = autocannon(
    {
      url: options.bases,
      connections,
      duration: options.durationSeconds,
      ...(options.rate > 0 ? { connectionRate: options.rate } : {}),
      timeout: 60,
      requests,
      // autocannon 9 keeps a request whose connection failed in the connection's queue of
      // requests awaiting an answer, so after a reconnection every answer was matched with an
      // older request (a page's 200 counted as a vote's): the queue is emptied on a failure.
      setupClient: (client: EventEmitter & { pipelinedRequests: { clear: () => void } }) => {
        client.on("connError", () => client.pipelinedRequests.clear());
      },
    } as unknown as autocannon.Options,
    (error) => finish(error ?? null),
  );

  type Client = { opts: { port: number | string } };
  const portOf = (client: unknown) => Number((client as Client).opts.port);
  instance.on("response", (client, status, _bytes, ms) => {
    answers.push({
      at: elapsed(),
      route: last.route,
      port: portOf(client),
      status,
      ms: Math.round(ms * 10) / 10,
    });
  });
  instance.on("reqError", () => {
    failures.push({ at: elapsed(), port: 0, kind: "error" });
  });
  const ticker = setInterval(() => options.onSecond?.(elapsed(), answers), 1000);
  await finished;
  clearInterval(ticker);
  return {
    startedAt,
    durationMs: elapsed(),
    answers,
    failures,
    acknowledged,
    connections,
    rate: options.rate,
  };
}

/** The p-th percentile (0–100) of `values` (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export type RouteSummary = {
  route: string;
  requests: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
};

/** Per route: requests, errors (an answer other than the step's expected status), percentiles. */
export function summarise(answers: Answer[]): RouteSummary[] {
  const byRoute = new Map<string, Answer[]>();
  for (const answer of answers) {
    const list = byRoute.get(answer.route);
    if (list) list.push(answer);
    else byRoute.set(answer.route, [answer]);
  }
  return Object.keys(EXPECTED_STATUS)
    .filter((route) => byRoute.has(route))
    .map((route) => {
      const list = byRoute.get(route)!;
      const ms = list.map((a) => a.ms);
      return {
        route,
        requests: list.length,
        errors: list.filter((a) => a.status !== EXPECTED_STATUS[route]).length,
        p50: percentile(ms, 50),
        p90: percentile(ms, 90),
        p99: percentile(ms, 99),
        max: Math.max(...ms),
      };
    });
}

export type LoadSetup = {
  database: SystemDatabase;
  apps: AppProcess[];
  community: Community;
  cookies: string[];
  postsByThread: Map<string, string[]>;
  proposalId: string;
};

/**
 * A database with the community the load reads and writes (`members` members, 20 threads of 30
 * replies, 30 ideas, an open proposal), `processes` app processes on it, and every member signed
 * in (spread over the processes). Registers its own cleanup.
 */
export async function prepareLoad(
  name: string,
  options: { members: number; processes: number; firstPort: number },
  cleanup: (step: () => Promise<unknown>) => void,
): Promise<LoadSetup> {
  say(`starting PostgreSQL and making a community of ${options.members} members`);
  const database = await startDatabase(name);
  cleanup(() => database.destroy());
  const community = await createCommunity(database.url, {
    members: options.members,
    threads: 20,
    replies: 30,
    ideas: 30,
    proposal: true,
  });
  const apps = await Promise.all(
    Array.from({ length: options.processes }, (_, i) =>
      startApp(database.url, options.firstPort + i),
    ),
  );
  cleanup(() => Promise.all(apps.map((app) => app.stop())));
  say(
    `${apps.length} app processes: ${apps.map((app) => app.base).join(", ")}; signing everyone in`,
  );
  const cookies = await signInAll(
    apps.map((app) => app.base),
    community.members.map((m) => m.email),
  );
  const sql = database.query();
  const rows = await sql<Array<{ thread_id: string; id: string }>>`
    select thread_id, id from posts where thread_id in ${sql(community.threads)} and position <= 20`;
  await sql.end();
  const postsByThread = new Map<string, string[]>();
  for (const row of rows) {
    postsByThread.set(row.thread_id, [...(postsByThread.get(row.thread_id) ?? []), row.id]);
  }
  return {
    database,
    apps,
    community,
    cookies,
    postsByThread,
    proposalId: community.proposal!,
  };
}

/** Checks after the fact that every acknowledged write is in the database. */
export async function missingWrites(database: SystemDatabase, writes: AcknowledgedWrite[]) {
  const sql = database.query();
  try {
    const replyIds = writes.flatMap((w) => (w.kind === "reply" ? [w.postId] : []));
    const found = new Set<string>();
    for (let i = 0; i < replyIds.length; i += 5_000) {
      const rows = await sql<Array<{ id: string }>>`
        select id from posts where id in ${sql(replyIds.slice(i, i + 5_000))}`;
      for (const row of rows) found.add(row.id);
    }
    const votes = writes.flatMap((w) => (w.kind === "vote" ? [w] : []));
    const voteRows = await sql<Array<{ user_id: string; idea_id: string }>>`
      select user_id, idea_id from idea_votes`;
    const voted = new Set(voteRows.map((row) => `${row.user_id}/${row.idea_id}`));
    return {
      replies: replyIds.length,
      votes: votes.length,
      missingReplies: replyIds.filter((id) => !found.has(id)),
      missingVotes: votes.filter((v) => !voted.has(`${v.userId}/${v.ideaId}`)),
    };
  } finally {
    await sql.end();
  }
}
