import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { redactSecrets } from "./redact";

/** One JSON line per request, with its id, status and time; secrets in the path are redacted. */
export function logRequests(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      if (req.path === "/healthz" && res.statusCode === 200) return;
      log.info({
        requestId: res.locals.requestId,
        method: req.method,
        path: redactSecrets(req.originalUrl.split("?")[0]),
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        ip: req.ip,
      });
    });
    next();
  };
}
