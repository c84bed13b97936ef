import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, watch } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import pino from "pino";
import { isTrustedOrigin } from "~/auth/origin.server";
import { ensureAppSecret } from "~/http/app-secret.server";
import { keepPagesPrivate } from "~/http/private-pages.server";
import { refuseRequest } from "~/http/refuse.server";
import { runInRequestScope } from "~/http/request-scope.server";
import { logRequests } from "~/http/request-log.server";
import { sayWhenToRetry } from "~/http/retry-after.server";
import { handleUnhandledRejection } from "~/http/unhandled-rejection.server";
import { rejectUnreadableUrls } from "~/http/url-guard.server";
import { bootDatabase } from "#db/boot";

const MAX_BODY_BYTES = 1024 * 1024;
// The one upload larger than a form: an admin's CSV of accounts (MAX_IMPORT_BYTES), with room
// for the multipart envelope. Its action refuses anyone else before reading the body.
const LARGE_BODY_PATHS = new Map([["/admin/accounts/import", 33 * 1024 * 1024]]);
// Development only when asked for (`npm run dev`); a bare `node build/server.js` is production.
const mode = process.env.NODE_ENV === "development" ? "development" : "production";
const log = pino({ level: process.env.LOG_LEVEL ?? "info", base: undefined });
const demoAllowed =
  mode !== "production" || ["1", "true"].includes(process.env.VANGUARD_DEMO ?? "");

// A rejection nobody handled that only says the database went away (pg-boss's job bookkeeping)
// must not end a process that is answering 503s until it returns; any other still does.
process.on(
  "unhandledRejection",
  handleUnhandledRejection(log, (code) => process.exit(code)),
);

if (mode === "production" && process.env.DATABASE_URL && !process.env.APP_URL) {
  log.warn(
    "APP_URL is not set: emailed links will point to http://localhost. Set it to the public URL.",
  );
}
// Before the database is booted: DATABASE_URL is then always set, configured or embedded.
const appSecret = ensureAppSecret({
  production: mode === "production",
  databaseConfigured: Boolean(process.env.DATABASE_URL),
});
if (!appSecret.ok) {
  log.fatal(appSecret.message);
  process.exit(1);
}
const database = await bootDatabase({
  log: (message) => log.info(message),
  allowDemo: demoAllowed,
});
process.env.DATABASE_URL = database.url;

const BUILD_PATH = path.resolve("build/index.js");
const importBuild = async (): Promise<ServerBuild> =>
  import(`${pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`);
let build = await importBuild();
type EntryExtras = {
  startBackgroundWork?: () => Promise<void>;
  stopJobs?: () => Promise<void>;
  closeDatabase?: () => Promise<void>;
};
const entry = () => build.entry.module as EntryExtras;
await entry().startBackgroundWork?.();

const app = express();
app.disable("x-powered-by");
// TRUST_PROXY is the number of proxies in front of the app ("1" for one load balancer): only
// the addresses they append to X-Forwarded-For are believed, never ones a client sends itself.
const trustedProxies = Number(
  process.env.TRUST_PROXY === "true" ? 1 : (process.env.TRUST_PROXY ?? 0),
);
if (trustedProxies > 0) app.set("trust proxy", trustedProxies);

app.use((req, res, next) => {
  const requestId = (req.get("x-request-id") ?? "").slice(0, 100) || randomUUID();
  res.locals.requestId = requestId;
  res.locals.cspNonce = randomBytes(16).toString("base64");
  res.setHeader("X-Request-Id", requestId);
  next();
});
app.use(logRequests(log));

app.use(
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: [
          "'self'",
          (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`,
        ],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: mode === "development" ? ["'self'", "ws:"] : ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    strictTransportSecurity:
      mode === "production" && Boolean(process.env.APP_URL?.startsWith("https:")),
  }),
);
// Server-sent events must reach the reader as they happen, not when a compression buffer fills.
app.use(
  compression({
    filter: (req, res) =>
      !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") &&
      compression.filter(req, res),
  }),
);

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
// The files at public/'s top level are known at start, so a page request doesn't look for itself
// on disk first (a file-system call on every request).
const publicFiles = new Set(
  readdirSync("public", { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${entry.name}`),
);
const servePublicFile = express.static("public", { maxAge: "1h", index: false });
app.use((req, res, next) => (publicFiles.has(req.path) ? servePublicFile(req, res, next) : next()));

app.use(rejectUnreadableUrls());
app.use(keepPagesPrivate());
app.use(sayWhenToRetry());

// Bodies are read by Remix as streams, so the size is enforced from the declared length; a body
// without one (chunked upload) is refused rather than read without a bound.
app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const length = Number(req.get("content-length") ?? "NaN");
  if (Number.isNaN(length) && req.get("transfer-encoding")) {
    return refuseRequest(req, res, 411, "Send a Content-Length with the request body.");
  }
  const limit = LARGE_BODY_PATHS.get(req.path) ?? MAX_BODY_BYTES;
  if (length > limit) {
    const words = limit === MAX_BODY_BYTES ? "1 MB" : `${Math.floor(limit / 1024 / 1024)} MB`;
    return refuseRequest(req, res, 413, `That request is too large: the limit is ${words}.`);
  }
  next();
});

app.use((req, res, next) => {
  const trusted = isTrustedOrigin({
    method: req.method,
    origin: req.get("origin"),
    // The Host header, or APP_URL behind a proxy that rewrites it; X-Forwarded-Host is not trusted.
    host: req.get("host"),
    // req.protocol believes X-Forwarded-Proto only from the proxies TRUST_PROXY names.
    protocol: req.protocol,
    appUrl: process.env.APP_URL,
    path: req.path,
    authorization: req.get("authorization"),
  });
  if (trusted) return next();
  refuseRequest(
    req,
    res,
    403,
    "This request came from another site, so it was refused to protect your account.",
  );
});

const remixHandler = mode === "development" ? devRequestHandler() : handlerFor(build);
// Each request in its own scope: what its loaders read once (the session) is kept there.
app.all("*", (req, res, next) => runInRequestScope(req.method, () => remixHandler(req, res, next)));

// An address that is not valid UTF-8 once decoded ("%ED%A0%80") fails in Express before Remix
// sees it: answer plainly instead of logging a stack trace for every such request.
app.use(
  (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!(error instanceof URIError) || res.headersSent) return next(error);
    res.status(400).type("text/plain").send("This address is not valid. Check the link.");
  },
);

function handlerFor(currentBuild: ServerBuild) {
  return createRequestHandler({
    build: currentBuild,
    mode,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      requestId: res.locals.requestId as string,
      clientIp: req.ip ?? "unknown",
    }),
  });
}

function devRequestHandler(): express.RequestHandler {
  let handler = handlerFor(build);
  // `remix dev --manual` rewrites build/version.txt after each rebuild: reload the build then.
  watch(path.resolve("build"), async (_event, file) => {
    if (file !== "version.txt") return;
    build = await importBuild();
    handler = handlerFor(build);
    await broadcastDevReady(build);
  });
  return (req, res, next) => handler(req, res, next);
}

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  log.info(`Vanguard is listening on http://localhost:${port}`);
  if (mode === "development" && process.env.REMIX_DEV_ORIGIN) void broadcastDevReady(build);
});

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info(`${signal}: shutting down`);
  const forceExit = setTimeout(() => process.exit(1), 10_000);
  forceExit.unref();
  // The queue stops first: its workers poll the database, and would report every dropped
  // connection while the rest shuts down.
  await Promise.all([
    entry().stopJobs?.(),
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      // Live-update streams never end by themselves: give readers a moment, then close them.
      setTimeout(() => server.closeAllConnections(), 2_000).unref();
    }),
  ]);
  await entry().closeDatabase?.();
  await database.embedded?.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
