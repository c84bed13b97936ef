import { once } from "node:events";
import net, { type AddressInfo } from "node:net";

/** One message as the SMTP server received it: envelope, headers (unfolded) and decoded body. */
export type ReceivedEmail = {
  from: string;
  to: string[];
  /** The raw message, as sent after DATA (dot-stuffing undone). */
  raw: string;
  /** Header values by lower-cased name, each unfolded; a name given twice keeps both. */
  headers: Map<string, string[]>;
  /** The text body, its transfer encoding (quoted-printable, base64) undone. */
  text: string;
};

export type SmtpSink = {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  received: ReceivedEmail[];
  /** Resolves once `count` messages have arrived in all. */
  waitFor: (count: number, timeoutMs?: number) => Promise<ReceivedEmail[]>;
  close: () => Promise<void>;
};

/**
 * A real SMTP server on loopback, speaking just enough of the protocol for nodemailer (EHLO/HELO,
 * MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT; no TLS, no AUTH), keeping what it is sent. Tests
 * read the delivered messages back as a mail provider would see them.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedEmail[] = [];
  const waiters: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("latin1");
    let buffer = "";
    let inData = false;
    let data: string[] = [];
    let envelope = { from: "", to: [] as string[] };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink.test ESMTP test sink");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(readMessage(envelope, data.join("\r\n")));
            envelope = { from: "", to: [] };
            data = [];
            reply("250 2.0.0 queued");
            waiters.splice(0).forEach((wake) => wake());
          } else {
            data.push(line.startsWith("..") ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") reply("250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8");
        else if (verb === "HELO") reply("250 sink.test");
        else if (verb === "MAIL") {
          envelope.from = addressIn(line);
          reply("250 2.1.0 ok");
        } else if (verb === "RCPT") {
          envelope.to.push(addressIn(line));
          reply("250 2.1.5 ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 end data with <CR><LF>.<CR><LF>");
        } else if (verb === "RSET") {
          envelope = { from: "", to: [] };
          reply("250 2.0.0 ok");
        } else if (verb === "NOOP") reply("250 2.0.0 ok");
        else if (verb === "QUIT") {
          reply("221 2.0.0 bye");
          socket.end();
        } else reply("502 5.5.2 not implemented");
      }
    });
    socket.on("error", () => socket.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`SMTP sink: ${received.length} of ${count} messages`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function addressIn(line: string): string {
  return /<([^>]*)>/.exec(line)?.[1] ?? "";
}

function readMessage(envelope: { from: string; to: string[] }, raw: string): ReceivedEmail {
  const split = raw.indexOf("\r\n\r\n");
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + 4) : "";
  const headers = new Map<string, string[]>();
  for (const field of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = field.indexOf(":");
    if (colon < 0) continue;
    const name = field.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), field.slice(colon + 1).trim()]);
  }
  const encoding = headers.get("content-transfer-encoding")?.[0]?.toLowerCase() ?? "7bit";
  return { ...envelope, raw, headers, text: decodeBody(body, encoding) };
}

function decodeBody(body: string, encoding: string): string {
  // The socket was read as latin1, so each character here is one byte of the message.
  const bytes =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64")
      : encoding === "quoted-printable"
        ? Buffer.from(
            body
              .replace(/=\r\n/g, "")
              .replace(/=([0-9A-F]{2})/gi, (_, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            "latin1",
          )
        : Buffer.from(body, "latin1");
  return bytes.toString("utf8").replace(/\r\n/g, "\n");
}
