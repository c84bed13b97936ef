import type { Request, Response } from "express";
import { errorCodeForStatus } from "~/routes/api+/__api-errors.server";

/**
 * Refuses a request before it reaches Remix: in words for a person, or, for the JSON API and the
 * trackers' webhook address, in the API's one error shape (`{ error: { code, message } }`), so
 * a client branches on `code` whichever layer said no.
 */
export function refuseRequest(req: Request, res: Response, status: number, message: string) {
  res.status(status);
  if (req.path.startsWith("/api/") || req.path.startsWith("/hooks/")) {
    res.json({ error: { code: errorCodeForStatus(status), message } });
  } else {
    res.type("text/plain").send(message);
  }
}
