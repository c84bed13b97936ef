// `npm run lint:openapi`: writes the API's OpenAPI document, as the app serves it, and lints it
// with Redocly's recommended rules (part of `npm test`).
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openApiDocument } from "../app/routes/api+/__openapi.server";

const file = path.join(mkdtempSync(path.join(tmpdir(), "vanguard-openapi-")), "openapi.json");
writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
execFileSync("npx", ["redocly", "lint", file, "--format", "stylish"], {
  stdio: "inherit",
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
});
