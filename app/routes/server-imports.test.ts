import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The compiler drops *.server imports from the browser build, so a value from one that a route's
// component (not its loader or action) uses is `undefined` in the browser: the page breaks after
// hydration. This finds such uses before a browser does.
function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return /\.tsx$/.test(name) && !name.includes(".test.") ? [full] : [];
  });
}

function serverValueImports(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/import\s+(?!type\b)\{([^}]*)\}\s+from\s+"[^"]*\.server"/g)) {
    for (const part of match[1].split(",")) {
      const name = part.trim();
      if (!name || name.startsWith("type ")) continue;
      names.push(
        name
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
    }
  }
  return names;
}

/** Everything from the default-exported component to the end of the file, minus meta/links. */
function componentSource(source: string): string {
  const start = source.search(/export default function/);
  if (start < 0) return "";
  return source
    .slice(start)
    .replace(
      /export (const|async function|function) (meta|links|loader|action|headers)[\s\S]*?\n}\n/g,
      "",
    );
}

describe("route components use nothing from *.server modules", () => {
  const root = path.resolve("app/routes");
  for (const file of routeFiles(root)) {
    it(path.relative(root, file), () => {
      const source = readFileSync(file, "utf8");
      const component = componentSource(source);
      // Used as code (called, indexed, passed or assigned), not merely a word in the page's text.
      const misused = serverValueImports(source).filter((name) =>
        new RegExp(`\\b${name}\\s*[(.[]|[{(,=]\\s*${name}\\b`).test(component),
      );
      expect(misused).toEqual([]);
    });
  }
});
