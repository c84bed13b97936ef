import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The posting check (silence, links, duplicates, watched words, rates) runs inside the domain
// functions that write words, so no path can skip it: a route that runs it itself is a route
// that another route (or a second form on the page) can forget. These read the source.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.includes(".test.") ? [full] : [];
  });
}

const app = path.resolve("app");
const relative = (file: string) => path.relative(app, file);

describe("routes leave the posting check to the models", () => {
  const routes = path.resolve("app/routes");
  for (const file of sourceFiles(routes)) {
    it(path.relative(routes, file), () => {
      const source = readFileSync(file, "utf8");
      expect(source).not.toMatch(/posting-check\.server/);
      expect(source).not.toMatch(/\b(checkPosting|checkWritten|requirePostingAllowed)\b/);
      // Writing a reply inside another model's transaction skips the check: models only.
      expect(source).not.toMatch(/\bwriteReply\b/);
    });
  }
});

describe("the way around the posting check is for test fixtures only", () => {
  it("no application module but the two that define it mentions it", () => {
    const mentions = sourceFiles(app)
      .filter((file) => readFileSync(file, "utf8").includes("bypassPostingCheck"))
      .map(relative);
    expect(mentions.sort()).toEqual(["models/post.server.ts", "models/thread.server.ts"]);
  });
});

describe("every model that writes words people read runs the check", () => {
  // One per path in app/models/posting-paths.server.test.ts, which tests each of them.
  const writers = [
    "post.server.ts", // replies, learning corrections, staff's idea status messages
    "post-edit.server.ts", // edits
    "thread.server.ts", // threads, ideas, learnings, proposals
    "proposal-rules.server.ts", // requireProposalWords, which each proposal writer below calls
    "moderation-notice.server.ts", // appeal messages and moderators' answers
    "internal-note.server.ts",
    "flag.server.ts", // flag notes
    "triage.server.ts", // "worth a look" notes
    "backlog.server.ts", // item titles and descriptions, read on the roadmap
  ];
  for (const name of writers) {
    it(name, () => {
      const source = readFileSync(path.join(app, "models", name), "utf8");
      expect(source).toMatch(/\brequirePostingAllowed\(/);
    });
  }
});

describe("every proposal write runs the check through requireProposalWords", () => {
  const writers = [
    "proposal.server.ts", // proposal saves
    "proposal-stage.server.ts", // stage rationales
    "proposal-comment.server.ts", // section comments
    "proposal-endorsement.server.ts", // endorsement reasons
  ];
  for (const name of writers) {
    it(name, () => {
      const source = readFileSync(path.join(app, "models", name), "utf8");
      expect(source).toMatch(/\brequireProposalWords\(/);
    });
  }
});
