import { isDatabaseUnavailable } from "~/utils/database-errors";

type Log = {
  warn: (object: object, message: string) => void;
  fatal: (object: object, message: string) => void;
};

/** A rejection that only says the database went away (postgres.js's codes, or pg's words). */
function isLostDatabase(reason: unknown): boolean {
  if (isDatabaseUnavailable(reason)) return true;
  const message = (reason as { message?: unknown } | null)?.message;
  return typeof message === "string" && /Connection terminated|connection timeout/i.test(message);
}

/**
 * What a process does with a promise rejection nobody handled. pg-boss 10 marks a finished job
 * done (or failed) without waiting for the answer, so when PostgreSQL goes away at that moment
 * the rejection reaches no handler, and Node would end the process: while the database is away,
 * that one is logged and the process keeps serving its 503s (the job is fetched again once its
 * lease expires). Any other unhandled rejection is a bug: logged, and the process exits as
 * Node's default would, for its process manager to start a new one.
 */
export function handleUnhandledRejection(log: Log, exit: (code: number) => void) {
  return (reason: unknown) => {
    if (isLostDatabase(reason)) {
      const message = (reason as { message?: unknown } | null)?.message;
      log.warn({ reason: String(message ?? reason) }, "lost the database during background work");
      return;
    }
    log.fatal({ err: reason }, "unhandled promise rejection");
    exit(1);
  };
}
