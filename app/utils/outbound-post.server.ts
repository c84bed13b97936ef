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

// IPv6 forms that carry an IPv4 address ipaddr.js still calls unicast: IPv4-compatible (::a.b.c.d)
// and the NAT64 prefix, which a gateway turns back into any IPv4 address, private ones included.
const EMBEDDED_IPV4 = [ipaddr.parseCIDR("::/96"), ipaddr.parseCIDR("64:ff9b::/96")];

/** Whether an address is one anyone on the internet could reach (IPv4-mapped IPv6 unwrapped). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (parsed.range() !== "unicast") return false;
  return !(parsed.kind() === "ipv6" && EMBEDDED_IPV4.some((range) => parsed.match(range)));
}

/** A host as the allowed-hosts list keeps it: lower case, IPv6 in its shortest form. */
export function normalizeHost(host: string): string {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return ipaddr.IPv6.isValid(bare) && bare.includes(":") ? ipaddr.parse(bare).toString() : bare;
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

/**
 * Why an address may not be used (checked when it is saved, and again when sent): not https
 * (what is sent may hold value data), credentials in it, or a literal address inside the
 * network; a host an admin allowed may use http and a private address.
 */
export function problemWithUrl(raw: string, allowedHosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full address, like https://example.com/hooks/vanguard.";
  }
  const allowed = allowedHosts.includes(normalizeHost(url.hostname));
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowed)) {
    return "The address must start with https:// (http:// only for a host allowed below).";
  }
  if (url.username || url.password) {
    return "Leave the user name and password out of the address: every delivery is signed.";
  }
  const host = normalizeHost(url.hostname);
  if (isIP(host) && !allowed && !isPublicAddress(host)) {
    return `${host} is inside a private network: name it under allowed hosts first.`;
  }
  return null;
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
  // A literal address never goes through DNS: problemWithUrl checks it here.
  const problem = problemWithUrl(raw, allowedHosts);
  if (problem) return failed(`Refused: ${problem}`);
  const url = new URL(raw);
  const allowed = allowedHosts.includes(normalizeHost(url.hostname));
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
          // Kept in PostgreSQL, which refuses NUL in text.
          const excerpt = Buffer.concat(chunks)
            .subarray(0, EXCERPT_BYTES)
            .toString("utf8")
            .replaceAll("\u0000", "");
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
        resolve(failed(`Could not connect: ${error.message.replaceAll("\u0000", "")}`));
      }
    });
    request.end(body);
  });
}
