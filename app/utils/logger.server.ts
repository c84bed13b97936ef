import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: undefined,
  // A database error carries its query's parameters: emails, names, post text. Not for logs.
  redact: ["req.headers.cookie", "req.headers.authorization", "password", "err.parameters"],
});
