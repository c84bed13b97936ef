import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The space rule (`spaceVisibleTo`, `spaceVisibleToUsersRow`) says who sees a space. Threads,
// ideas, proposals, posts and whatever names them pass the thread rule (`threadVisibleTo`,
// `threadVisibleToUsersRow`, `threadIdVisibleTo`, `postIdShownTo`), which adds draft proposals,
// held, hidden and removed content and merged threads to it. A list of threads filtered by the
// space rule alone shows what moderators took away (issue 19, holes 5, 9, 12 and 14). So the
// space rule is called only where the thing decided on is a space, each place named here with
// why; a new call fails this test until it is one of them.
const allowed: Record<string, Record<string, string>> = {
  "app/models/space-access.server.ts": {
    "*": "where the rules are defined: the thread rule is built on the space rule",
  },
  "app/models/space.server.ts": {
    listSpacesForViewer: "lists spaces (their thread counts pass the thread rule)",
    getSpaceForViewer: "one space's page",
    getSpaceByIdForViewer: "one space, by id",
    listSpaceChoices: "spaces to choose from, to move a thread into",
    listSpacesForNewIdea: "spaces to choose from, to post a new idea in",
  },
  "app/models/audit-names.server.ts": {
    nameAuditReferences: "names a log entry's space target by the rule that shows that space",
  },
  "app/models/thread-moderation.server.ts": {
    moveThread: "the destination is a space the mover must see; the thread passed the thread rule",
  },
  "app/models/first-run.server.ts": {
    getFirstRun: "the welcome names spaces to open; its welcome thread passes the thread rule",
  },
  "app/models/proposal-coauthor.server.ts": {
    inviteCoauthor:
      "an invitee is not a co-author yet, so a draft's thread rule would refuse every invitation: they must see its space",
  },
  "app/models/mention.server.ts": {
    searchMentionCandidates:
      "people who see the space, to mention; who is notified passes threadVisibleToUsersRow",
  },
  "app/models/draft.server.ts": {
    draftPlaceOpenTo:
      "a draft of a new thread belongs to a space the writer must see; a reply's passes the thread rule",
    placeOpenTo: "the same, for a draft being saved",
  },
  "app/models/audit.server.ts": {
    auditEntryDetailedFor: "log entries about a space, and the two spaces' names of a moved thread",
  },
};

const SPACE_RULE = /\b(spaceVisibleTo|spaceVisibleToUsersRow)\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.includes(".test.") ? [full] : [];
  });
}

/** Each use of the space rule outside an import, with the top-level declaration it sits in. */
function usesIn(source: string) {
  const uses: { name: string; within: string }[] = [];
  const code = source.replace(/^import[\s\S]*?from\s+"[^"]+";$/gm, (imports) =>
    " ".repeat(imports.length),
  );
  for (const match of code.matchAll(new RegExp(SPACE_RULE, "g"))) {
    const before = code.slice(0, match.index);
    const declarations = [
      ...before.matchAll(
        /^(?:export\s+)?(?:async\s+)?function\s+(\w+)|^(?:export\s+)?(?:const|let)\s+(\w+)\s*=/gm,
      ),
    ];
    const last = declarations.at(-1);
    uses.push({ name: match[1], within: last ? (last[1] ?? last[2]) : "(module)" });
  }
  return uses;
}

describe("lists of threads pass the thread rule, never the space rule alone", () => {
  const root = path.resolve(".");
  const files = sourceFiles(path.resolve("app"));

  it("finds the space rule where it is allowed, and nowhere else", () => {
    const unexpected: string[] = [];
    for (const file of files) {
      const relative = path.relative(root, file).split(path.sep).join("/");
      const here = allowed[relative] ?? {};
      for (const use of usesIn(readFileSync(file, "utf8"))) {
        if (!here["*"] && !here[use.within]) {
          unexpected.push(`${relative}: ${use.name} in ${use.within}`);
        }
      }
    }
    // Use the thread rule; or, if the thing decided on really is a space, add it to `allowed`
    // with the reason.
    expect(unexpected).toEqual([]);
  });

  it("keeps no reason for a place that no longer uses the space rule", () => {
    const stale: string[] = [];
    for (const [file, places] of Object.entries(allowed)) {
      const source = readFileSync(path.resolve(file), "utf8");
      const uses = usesIn(source);
      for (const place of Object.keys(places).filter((name) => name !== "*")) {
        // A place being written in another branch may not exist yet; one that exists must use it.
        const declared = new RegExp(`(function|const|let)\\s+${place}\\b`).test(source);
        if (declared && !uses.some((use) => use.within === place)) {
          stale.push(`${file}: ${place}`);
        }
      }
    }
    expect(stale).toEqual([]);
  });

  it("would catch a list filtered by the space rule", () => {
    const source = [
      'import { spaceVisibleTo } from "./space-access.server";',
      "export async function listThreadsSomewhere(viewer: Viewer) {",
      "  return db.select().from(threads).where(spaceVisibleTo(viewer));",
      "}",
    ].join("\n");
    expect(usesIn(source)).toEqual([{ name: "spaceVisibleTo", within: "listThreadsSomewhere" }]);
  });
});
