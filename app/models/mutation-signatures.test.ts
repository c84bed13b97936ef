import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Models own their rules (issue 19, "One path for every rule"): a domain function that changes
// something on someone's behalf takes the acting `Viewer` and asks the policy itself, so no path
// (a route, a job, a second form, another model) can skip the check. A function that takes an
// actor's id instead cannot ask, and leaves the rule to whoever calls it. These read the source:
// a new one fails here until it takes the Viewer, or is named below with why it may not.

/**
 * Exported functions of app/models and app/auth that may take an actor's id, each with why. They
 * record who acted (or tell someone), inside the transaction of a domain function that has already
 * asked the policy; none is called from a route (checked below). `null` is the system acting.
 */
const takesActorId: Record<string, Record<string, string>> = {
  "app/models/audit.server.ts": {
    recordAuditEvent:
      "writes the record of an act, in the transaction of the function that was allowed it (null: the system)",
    recordAuditEvents: "the same, for a bulk change",
  },
  "app/models/moderation-notice.server.ts": {
    recordNotice:
      "writes a moderator's notice in the transaction of the moderation function that asked the matrix",
    sendNotice: "tells the person of the notice recordNotice answered, once that has committed",
  },
  "app/models/notification.server.ts": {
    notifyAboutNotice:
      "tells a person of a notice or an answer already recorded (null: the system); sendNotice only",
  },
};

/** Names a route gives the signed-in person (`requireUser…`); `person` etc. are others. */
const SIGNED_IN = /^(user|actor|viewer|me|currentUser)$/;

/**
 * Functions a route may hand the signed-in person's bare id, each with why: they read, or act on
 * the person's own data (nobody else's permission to ask). Anything else takes the Viewer.
 */
const routeMayPassOwnId: Record<string, string> = {
  getHomeSummary: "reads the home page's figures for the signed-in person",
  isSubscribedToChangelog: "reads whether the signed-in person follows the changelog",
  setChangelogSubscription: "the signed-in person follows or leaves the changelog: their own row",
  reserveStream: "counts the signed-in person's own open live streams",
  openThreadStream: "the stream is the signed-in person's; its access was read for them",
  searchMentionCandidates: "reads; the id only leaves the writer out of the suggestions",
  searchStaffMentionCandidates: "reads; the id only leaves the writer out of the suggestions",
  getEmailPreferences: "reads the signed-in person's own settings",
  setEmailPreferences: "the signed-in person's own settings",
  updateProfile: "the signed-in person's own profile",
  changePassword: "the signed-in person's own password (the current one is checked)",
};

function sourceFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full, pattern);
    return pattern.test(name) && !name.includes(".test.") ? [full] : [];
  });
}

const root = path.resolve(".");
const relative = (file: string) => path.relative(root, file).split(path.sep).join("/");

function parse(file: string) {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, kind);
}

const isExported = (node: ts.Node) =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Every exported function of a module, by name, with its parameters. */
function exportedFunctions(source: ts.SourceFile) {
  const found: { name: string; parameters: readonly ts.ParameterDeclaration[] }[] = [];
  for (const statement of source.statements) {
    if (!isExported(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      found.push({ name: statement.name.text, parameters: statement.parameters });
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const value = declaration.initializer;
        if (
          ts.isIdentifier(declaration.name) &&
          value &&
          (ts.isArrowFunction(value) || ts.isFunctionExpression(value))
        ) {
          found.push({ name: declaration.name.text, parameters: value.parameters });
        }
      }
    }
  }
  return found;
}

/** Object types declared in the module (`type X = { … }`, interfaces), to look inside by name. */
function localObjectTypes(source: ts.SourceFile) {
  const types = new Map<string, readonly ts.TypeElement[]>();
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement) && ts.isTypeLiteralNode(statement.type)) {
      types.set(statement.name.text, statement.type.members);
    }
    if (ts.isInterfaceDeclaration(statement)) types.set(statement.name.text, statement.members);
  }
  return types;
}

const isStringy = (type: ts.TypeNode | undefined) =>
  type !== undefined && /\bstring\b/.test(type.getText());

/** How a parameter carries an actor's id, if it does: `actorId`, `actor: string`, `{ actorId }`. */
function actorIdIn(
  parameter: ts.ParameterDeclaration,
  types: Map<string, readonly ts.TypeElement[]>,
): string | null {
  if (ts.isIdentifier(parameter.name)) {
    const name = parameter.name.text;
    if (name === "actorId") return "actorId";
    if (name === "actor" && isStringy(parameter.type)) return "actor: string";
  } else if (ts.isObjectBindingPattern(parameter.name)) {
    if (parameter.name.elements.some((e) => e.name.getText() === "actorId")) return "{ actorId }";
  }
  let type = parameter.type;
  while (type && ts.isArrayTypeNode(type)) type = type.elementType;
  const members =
    type && ts.isTypeLiteralNode(type)
      ? type.members
      : type && ts.isTypeReferenceNode(type)
        ? types.get(type.typeName.getText())
        : undefined;
  const member = members?.find((m) => m.name?.getText() === "actorId");
  return member ? "{ actorId }" : null;
}

const domainFiles = [
  ...sourceFiles(path.resolve("app/models"), /\.server\.ts$/),
  ...sourceFiles(path.resolve("app/auth"), /\.server\.ts$/),
];

describe("domain functions take the acting Viewer, never an actor's id", () => {
  it("finds an actor's id only where it is allowed, and every allowance still used", () => {
    const unexpected: string[] = [];
    const used = new Set<string>();
    for (const file of domainFiles) {
      const source = parse(file);
      const types = localObjectTypes(source);
      const allowed = takesActorId[relative(file)] ?? {};
      for (const fn of exportedFunctions(source)) {
        for (const parameter of fn.parameters) {
          const shape = actorIdIn(parameter, types);
          if (!shape) continue;
          if (allowed[fn.name]) used.add(`${relative(file)}#${fn.name}`);
          else unexpected.push(`${relative(file)}: ${fn.name}(${shape})`);
        }
      }
    }
    expect(unexpected, "take `actor: Viewer` and ask the policy inside").toEqual([]);
    const listed = Object.entries(takesActorId).flatMap(([file, fns]) =>
      Object.keys(fns).map((fn) => `${file}#${fn}`),
    );
    expect(listed.filter((entry) => !used.has(entry))).toEqual([]);
  });

  it("sees the shapes it looks for", () => {
    const source = ts.createSourceFile(
      "example.server.ts",
      `type Input = { actorId: string; threadId: string };
       export async function a(actorId: string, threadId: string) {}
       export async function b(actor: string) {}
       export const c = async (input: { actorId: string }) => {};
       export async function d(tx: unknown, input: Input) {}
       export async function e({ actorId }: Input) {}
       export async function fine(actor: Viewer, input: { threadId: string }) {}
       async function notExported(actorId: string) {}`,
      ts.ScriptTarget.Latest,
      true,
    );
    const types = localObjectTypes(source);
    const found = exportedFunctions(source).flatMap((fn) =>
      fn.parameters.flatMap((p) => {
        const shape = actorIdIn(p, types);
        return shape ? [`${fn.name}(${shape})`] : [];
      }),
    );
    expect(found).toEqual([
      "a(actorId)",
      "b(actor: string)",
      "c({ actorId })",
      "d({ actorId })",
      "e({ actorId })",
    ]);
  });
});

/** Calls in a route module to *.server functions that are handed the signed-in person's id. */
function ownIdCalls(source: ts.SourceFile) {
  const fromServer = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly) continue;
    if (!/\.server$/.test((statement.moduleSpecifier as ts.StringLiteral).text)) continue;
    const named = statement.importClause?.namedBindings;
    if (named && ts.isNamedImports(named)) {
      for (const element of named.elements) {
        if (!element.isTypeOnly) fromServer.add(element.name.text);
      }
    }
  }
  const ownId = (node: ts.Node) =>
    ts.isPropertyAccessExpression(node) &&
    node.name.text === "id" &&
    ts.isIdentifier(node.expression) &&
    SIGNED_IN.test(node.expression.text);
  const calls: { callee: string; passed: string }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      fromServer.has(node.expression.text)
    ) {
      for (const argument of node.arguments) {
        const passed = ts.isObjectLiteralExpression(argument)
          ? argument.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? [p.initializer] : []))
          : [argument];
        const bare = passed.find(ownId);
        if (bare) calls.push({ callee: node.expression.text, passed: bare.getText() });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports: [...fromServer], calls };
}

describe("routes hand domain functions the Viewer, never the signed-in person's id", () => {
  const routes = sourceFiles(path.resolve("app/routes"), /\.tsx?$/);
  const recorders = new Set(Object.values(takesActorId).flatMap((fns) => Object.keys(fns)));
  const allowedUses = new Set<string>();

  for (const file of routes) {
    it(relative(file), () => {
      const { imports, calls } = ownIdCalls(parse(file));
      const problems: string[] = [];
      for (const call of calls) {
        if (routeMayPassOwnId[call.callee]) allowedUses.add(call.callee);
        else problems.push(`${call.callee}(… ${call.passed} …)`);
      }
      expect(problems, "pass the Viewer itself; the model asks the policy").toEqual([]);
      // Writing who acted is the domain function's job, after it asked the policy.
      expect(imports.filter((name) => recorders.has(name))).toEqual([]);
    });
  }

  it("sees the shapes it looks for", () => {
    const source = ts.createSourceFile(
      "example.tsx",
      `import { changeUserRole, type X } from "~/models/user.server";
       import { format } from "~/utils/format";
       import { notifyAboutNotice } from "~/models/notification.server";
       await changeUserRole(actor.id, person.id, "admin");
       await changeUserRole(actor, person.id, "admin");
       await notifyAboutNotice({ actorId: user.id, noticeId });
       format(user.id);`,
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TSX,
    );
    const { imports, calls } = ownIdCalls(source);
    expect(calls).toEqual([
      { callee: "changeUserRole", passed: "actor.id" },
      { callee: "notifyAboutNotice", passed: "user.id" },
    ]);
    expect(imports.filter((name) => recorders.has(name))).toEqual(["notifyAboutNotice"]);
  });

  it("every function allowed the person's own id is still handed it somewhere", () => {
    for (const file of routes) {
      for (const call of ownIdCalls(parse(file)).calls) {
        if (routeMayPassOwnId[call.callee]) allowedUses.add(call.callee);
      }
    }
    expect(Object.keys(routeMayPassOwnId).filter((name) => !allowedUses.has(name))).toEqual([]);
  });
});
