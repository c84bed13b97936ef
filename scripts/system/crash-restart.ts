// `npm run test:crash`: the zero-config start comes back after a crash. Runs `npm start` as a
// person would (embedded PostgreSQL in a fresh folder, the demo seeded), posts replies from three
// people at once, kills the app process with SIGKILL in the middle (its PostgreSQL is left running,
// orphaned), runs `npm start` again and checks that it serves, that every reply it acknowledged
// is there, and that one PostgreSQL serves the folder. Then a second `npm start` on the same
// folder is refused while the first runs, and a kill of everything at once (as a power loss)
// comes back too. Exits non-zero with the reason on failure. Needs `npm run build` first.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { TEST_PAUSED_SCHEDULES } from "../../db/testing/paused-schedules";

const PORT = Number(process.env.CRASH_TEST_PORT ?? 3500);
const BASE = `http://127.0.0.1:${PORT}`;
const DEMO_PASSWORD = "vanguard-demo";
// Team members (staff, admin, moderator) may post 20 replies a minute each.
const WRITERS = ["maya@vanguard.test", "admin@vanguard.test", "theo@vanguard.test"];

const parent = mkdtempSync(path.join(os.tmpdir(), "vanguard-crash-"));
chmodSync(parent, 0o755); // PostgreSQL runs as the "postgres" user when this runs as root
const dataDir = path.join(parent, "postgres");
const output: string[] = [];
const started: App[] = [];

type App = { npm: ChildProcess; exited: Promise<number | null> };

function npmStart(port = PORT): App {
  // As a person would start it: no database configured, no NODE_ENV.
  const inherited = Object.entries(process.env).filter(
    ([name]) => name !== "DATABASE_URL" && name !== "NODE_ENV",
  );
  const env = {
    ...Object.fromEntries(inherited),
    PORT: String(port),
    VANGUARD_DATA_DIR: dataDir,
    COOKIE_SECURE: "false",
    LOG_LEVEL: "warn",
    PAUSED_SCHEDULES: TEST_PAUSED_SCHEDULES,
  } as unknown as NodeJS.ProcessEnv;
  // Its own process group, so that a power loss can take all of it at once.
  const npm = spawn("npm", ["start"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [npm.stdout!, npm.stderr!]) {
    stream.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  }
  const exited = new Promise<number | null>((resolve) => npm.on("exit", (code) => resolve(code)));
  started.push({ npm, exited });
  return { npm, exited };
}

async function waitUntilServing(app: App, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let ended = false;
  void app.exited.then(() => (ended = true));
  while (Date.now() < deadline && !ended) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  fail(ended ? "npm start exited instead of serving" : `npm start did not serve in ${seconds} s`);
}

function processes(): { pid: number; args: string[]; group: number }[] {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const group = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      found.push({ pid, args, group });
    } catch {
      // ended while we looked
    }
  }
  return found;
}

/** The servers on this data folder: PostgreSQL's postmaster is the one started with `-D dir`. */
const postmasters = () => processes().filter((p) => p.args.includes(dataDir));

function appProcessOf(app: App): number {
  const server = processes().find(
    (p) => p.group === app.npm.pid && p.args.some((arg) => arg.endsWith("build/server.js")),
  );
  if (!server) fail("could not find the app process (build/server.js) under npm start");
  return server.pid;
}

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${BASE}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = response.headers.get("set-cookie");
  if (!cookie) fail(`${email} could not sign in (${response.status})`);
  return cookie.split(";")[0];
}

/** A thread on the home page that takes replies. */
async function threadToReplyTo(cookie: string): Promise<string> {
  const home = await (await fetch(`${BASE}/`, { headers: { Cookie: cookie } })).text();
  const ids = [...new Set(home.match(/\/t\/[0-9a-f-]{36}/g) ?? [])];
  for (const link of ids) {
    const page = await (await fetch(BASE + link, { headers: { Cookie: cookie } })).text();
    if (page.includes('name="intent" value="reply"')) return link;
  }
  fail("no thread on the home page takes replies");
}

/** Posts replies until stopped; the ids of the ones the app acknowledged (its redirect). */
function keepReplying(cookie: string, thread: string, acknowledged: string[]) {
  let stopped = false;
  const done = (async () => {
    for (let n = 0; !stopped; n++) {
      try {
        const response = await fetch(BASE + thread, {
          method: "POST",
          redirect: "manual",
          headers: {
            Cookie: cookie,
            Origin: BASE,
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({
            intent: "reply",
            body: `Crash test reply ${n} from ${cookie.slice(-8)} at ${Date.now()}`,
          }),
        });
        const postId = response.headers.get("location")?.split("#post-")[1];
        if (response.status >= 300 && response.status < 400 && postId) acknowledged.push(postId);
        else if (response.status === 429) await new Promise((r) => setTimeout(r, 1000));
      } catch {
        // the app is gone: nothing was acknowledged
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

async function replyUnderLoadThenKill(app: App, kill: () => void, atLeast: number) {
  const cookies = await Promise.all(WRITERS.map(signIn));
  const thread = await threadToReplyTo(cookies[0]);
  const acknowledged: string[] = [];
  const writers = cookies.map((cookie) => keepReplying(cookie, thread, acknowledged));
  const deadline = Date.now() + 120_000;
  while (acknowledged.length < atLeast && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (acknowledged.length < atLeast) fail(`only ${acknowledged.length} replies were acknowledged`);
  kill();
  await app.exited;
  await Promise.all(writers.map((writer) => writer.stop()));
  return { acknowledged: [...acknowledged], thread };
}

async function expectKept(acknowledged: string[]) {
  const cookie = await signIn(WRITERS[0]);
  const missing = [];
  for (const postId of acknowledged) {
    const response = await fetch(`${BASE}/p/${postId}`, {
      headers: { Cookie: cookie },
      redirect: "manual",
    });
    if (response.status >= 400) missing.push(postId);
  }
  if (missing.length > 0) {
    fail(`${missing.length} of ${acknowledged.length} acknowledged replies are missing`);
  }
  console.log(`  all ${acknowledged.length} acknowledged replies are there`);
}

function expectOnePostgres() {
  const servers = postmasters();
  if (servers.length !== 1) fail(`${servers.length} PostgreSQL servers run on the data folder`);
}

function fail(message: string): never {
  console.error(`FAILED: ${message}\n--- npm start's output:\n${output.join("").slice(-4000)}`);
  for (const app of started) {
    try {
      process.kill(-app.npm.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
  for (const server of postmasters()) process.kill(server.pid, "SIGQUIT");
  rmSync(parent, { recursive: true, force: true });
  process.exit(1);
}

async function stopCleanly(app: App) {
  process.kill(-app.npm.pid!, "SIGINT"); // Ctrl-C in the terminal
  await app.exited;
  const deadline = Date.now() + 30_000;
  while (postmasters().length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (postmasters().length > 0) fail("PostgreSQL still runs after Ctrl-C");
}

try {
  console.log("1. npm start on a new data folder (the demo is seeded)");
  let app = npmStart();
  await waitUntilServing(app, 240);

  console.log("2. replies from three people, then SIGKILL of the app process");
  const first = await replyUnderLoadThenKill(
    app,
    () => process.kill(appProcessOf(app), "SIGKILL"),
    30,
  );
  if (postmasters().length !== 1)
    fail("the killed app's PostgreSQL was expected to be left running");
  console.log(`  ${first.acknowledged.length} replies acknowledged; its PostgreSQL is orphaned`);

  console.log("3. npm start again");
  app = npmStart();
  await waitUntilServing(app, 120);
  expectOnePostgres();
  await expectKept(first.acknowledged);

  console.log("4. a second npm start on the same folder is refused");
  const second = npmStart(PORT + 1);
  const code = await second.exited;
  if (code === 0) fail("the second npm start exited 0");
  if (!output.join("").includes("already used by another process")) {
    fail("the second npm start did not say the folder is in use");
  }
  expectOnePostgres();
  if (!(await fetch(`${BASE}/healthz`)).ok) fail("the first app stopped serving");

  console.log("5. replies, then everything killed at once, as a power loss");
  const third = await replyUnderLoadThenKill(app, () => process.kill(-app.npm.pid!, "SIGKILL"), 10);
  app = npmStart();
  await waitUntilServing(app, 120);
  expectOnePostgres();
  await expectKept([...first.acknowledged, ...third.acknowledged]);

  await stopCleanly(app);
  console.log(
    "passed: the zero-config start came back after each crash, with every acknowledged reply",
  );
} finally {
  rmSync(parent, { recursive: true, force: true });
}
