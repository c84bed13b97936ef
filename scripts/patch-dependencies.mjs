// Run after every install (package.json "postinstall"): fixes a crash in postgres.js 3.4.9 that
// upstream has not released a fix for (porsager/postgres issues 1066, 1154 and 1208; pull
// requests 1168 and 1209 are open). A write smaller than 1 KB is sent on the next tick; when the
// connection closes first (PostgreSQL restarted, a connection cut), that tick writes to a null
// socket and throws outside any query, which ends the whole app process. The closing also left
// the pending-write timer set, so the connection never flushed a write again. Here the write to a
// closed connection fails its queries with CONNECTION_CLOSED instead, and closing resets the
// pending write. Idempotent; fails loudly if the driver's code is not what it expects (a new
// version: check whether it still needs this, then update or remove it).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARK = "/* vanguard: guarded nextWrite */";

const fixes = [
  {
    find: "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    replace:
      `  function nextWrite(fn) {\n    ${MARK}\n` +
      "    if (!socket) {\n" +
      "      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n" +
      "      chunk = nextWriteTimer = null\n" +
      "      error(Errors.connection('CONNECTION_CLOSED', options))\n" +
      "      return false\n" +
      "    }\n" +
      "    const x = socket.write(chunk, fn)",
  },
  {
    // closed(): the socket is gone, and so is whatever was waiting to be written to it.
    find: "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)\n    socket.removeListener('connect', connected)\n    idleTimer.cancel()",
    replace:
      "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)\n    socket.removeListener('connect', connected)\n    idleTimer.cancel()",
  },
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../node_modules/postgres");
const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
for (const file of ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"]) {
  const full = path.join(root, file);
  let text = readFileSync(full, "utf8");
  if (text.includes(MARK)) continue;
  for (const fix of fixes) {
    if (!text.includes(fix.find)) {
      throw new Error(
        `postgres ${version}: ${file} is not the code scripts/patch-dependencies.mjs fixes. ` +
          "Check whether the new version still crashes on a write to a closed connection.",
      );
    }
    text = text.replace(fix.find, fix.replace);
  }
  writeFileSync(full, text);
}
