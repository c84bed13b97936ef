import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * POSTs to an address an admin typed (a webhook), refusing to reach inside our own network: an
 * address that is, or resolves to, a private, loopback, link-local or otherwise non-public IP is
 * refused unless its host is named in `allowedHosts`. The check runs on the addresses the
 * connection actually uses (a custom DNS lookup), so a name that resolves to a public address
 * when saved and a private one when sent (DNS rebinding) is still refused. Redirects are never
 * followed; at most `EXCERPT_BYTES` of the answer are read.
 */

const TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 1_024;

export type PostOutcome =
  | { ok: true; status: number; excerpt: string; durationMs: number }
  | { ok: false; status: number | null; error: string; excerpt: string; durationMs: number };

/** Whether an address is one anyone on the internet could reach (IPv4-mapped IPv6 unwrapped). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

class RefusedAddress extends Error {}

type LookupCallback = (
  error: Error | null,
  address?: string | LookupAddress[],
  family?: number,
) => void;

function checkedLookup(allowed: boolean): typeof dnsLookup {
  return ((hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const refused = allowed ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (refused || addresses.length === 0) {
        return callback(
          new RefusedAddress(`${hostname} resolves to ${refused?.address ?? "nothing"}`),
        );
      }
      // Node asks for every address when it tries them in turn, otherwise for the first.
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  }) as unknown as typeof dnsLookup;
}

/** Why an address may not be used at all (checked when it is saved, and again when sent). */
export function problemWithUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full address, like https://example.com/hooks/vanguard.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return "The address must start with https:// (or http://).";
  }
  if (url.username || url.password) {
    return "Leave the user name and password out of the address: every delivery is signed.";
  }
  return null;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

export async function postOutbound(
  raw: string,
  body: string,
  headers: Record<string, string>,
  allowedHosts: readonly string[],
): Promise<PostOutcome> {
  const started = Date.now();
  const failed = (error: string, status: number | null = null, excerpt = "") =>
    ({ ok: false, status, error, excerpt, durationMs: Date.now() - started }) as const;
  const problem = problemWithUrl(raw);
  if (problem) return failed(problem);
  const url = new URL(raw);
  const host = hostOf(url);
  const allowed = allowedHosts.some((name) => name.toLowerCase() === host);
  // A literal address never goes through DNS: check it here.
  if (isIP(host) && !allowed && !isPublicAddress(host)) {
    return failed(`Refused: ${host} is not a public address.`);
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise<PostOutcome>((resolve) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        lookup: checkedLookup(allowed),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8");
          const status = response.statusCode ?? 0;
          response.destroy();
          resolve(
            status >= 200 && status < 300
              ? { ok: true, status, excerpt, durationMs: Date.now() - started }
              : failed(`Answered ${status}.`, status, excerpt),
          );
        };
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= EXCERPT_BYTES) finish();
        });
        response.on("end", finish);
        response.on("error", finish);
      },
    );
    request.on("error", (error) => {
      if (error instanceof RefusedAddress) {
        resolve(failed(`Refused: ${error.message}, which is not a public address.`));
      } else if (error.name === "AbortError" || error.name === "TimeoutError") {
        resolve(failed(`No answer within ${TIMEOUT_MS / 1000} seconds.`));
      } else {
        resolve(failed(`Could not connect: ${error.message}`));
      }
    });
    request.end(body);
  });
}
