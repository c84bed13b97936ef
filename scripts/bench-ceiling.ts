// The ceiling `npm run bench` measures the app's pages against: a bare `node:http` server that
// answers every request with one postgres.js query for the same 30 posts the thread page's first
// page shows, from the same database, their stored HTML written into a template string. No
// framework, no session, no React: what one query and one write cost on this machine, so a page's
// share of it says how much of its time is ours. Run in its own process, like the app.
//
//   startCeilingServer(databaseUrl, threadId, port) → { base, stop }
import { spawn } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

const PAGE_SIZE = 30;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

/** Serves the ceiling page on `port` until the process ends (the child's own entry). */
function serveCeiling(databaseUrl: string, threadId: string, port: number) {
  // The app's pool size and its connection settings, so the two meet the database alike.
  const sql = postgres(databaseUrl, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connection: { jit: "off" },
    onnotice: () => {},
  });
  const server = http.createServer(async (_request, response) => {
    try {
      const posts = await sql`select p.id, p.position, p.body_html, p.created_at,
          u.display_name, u.handle
        from posts p left join users u on u.id = p.author_id
        where p.thread_id = ${threadId} and p.position between 1 and ${PAGE_SIZE}
        order by p.position`;
      const items = posts
        .map(
          (post) => `<li><article id="post-${post.id}" class="post">
<header class="post-header"><h2 class="post-author"><a href="/u/${post.handle}">${escapeHtml(post.display_name ?? "A former member")}</a></h2>
<a href="/p/${post.id}" class="post-time"><time datetime="${(post.created_at as Date).toISOString()}">${(post.created_at as Date).toUTCString()}</time></a></header>
<div class="prose post-body">${post.body_html}</div></article></li>`,
        )
        .join("\n");
      const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Thread · Vanguard</title></head>
<body><main><ol class="post-list" aria-label="Posts">${items}</ol></main></body></html>`;
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      response.end(html);
    } catch (error) {
      response.writeHead(500);
      response.end(String(error));
    }
  });
  server.listen(port);
  process.on("SIGTERM", () => {
    server.close();
    void sql.end({ timeout: 1 }).then(() => process.exit(0));
  });
}

/** Starts the ceiling server in its own Node process; resolves once it answers. */
export async function startCeilingServer(databaseUrl: string, threadId: string, port: number) {
  const base = `http://localhost:${port}`;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), databaseUrl, threadId, String(port)],
    { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } },
  );
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
  };
  for (let attempt = 0; attempt < 60; attempt++) {
    try {
      const answer = await fetch(base);
      if (answer.ok && (await answer.text()).includes("post-list"))
        return { base, stop, pid: child.pid };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error("the ceiling server did not start");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [databaseUrl, threadId, port] = process.argv.slice(2);
  serveCeiling(databaseUrl, threadId, Number(port));
}
