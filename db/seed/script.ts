import type { JSONContent } from "@tiptap/core";
import type { RichTextDoc } from "~/editor/types";
import type { IdeaImportance, IdeaStatus, ThreadKind } from "../schema";

/**
 * The shape of the demo's written conversations (conversations.ts) and the small markup their
 * texts use. forums.ts casts people into the parts and inserts the result.
 */

/** People who exist by name in every demo (see demo.ts), referred to by handle. */
export const NAMED_PEOPLE = ["admin", "maya", "jonas", "priya", "theo", "ines", "sam"] as const;
export type NamedHandle = (typeof NAMED_PEOPLE)[number];

export type SpaceSlug = "lounge" | "operations" | "council" | "roundtable" | "beta";

/**
 * Who may be drawn for a part: any member; a member of an account ranked in the top 20 by
 * revenue or below it; one who can see a tier-gated space; a member of the beta space; or a
 * member of one named account (for texts that only make sense for that business).
 */
export type Pool =
  "members" | "larger" | "smaller" | "top1" | "top10" | "beta" | { account: string };

/**
 * How a part is cast. Parts are always different people; a plain pool also gives the part a first
 * name nobody else in the thread has. A `crowd` part (the many answers of a long thread, never
 * named in a text) only avoids the first names of the thread's other, named parts. A `role` is
 * what the text says the person does: it becomes their bio ("<role> at <company>."), and a role
 * already given to someone at an account (in another thread, or their introduction) is theirs.
 */
export type CastEntry = Pool | { pool: Pool; crowd?: true; role?: string };

/**
 * A later version of a post, in markup. By default the author edits; a moderator (`by`) gives a
 * reason. The edit happens shortly after the reply labelled `afterReply`, or `hoursLater` hours
 * after the post.
 */
export type PostEdit = {
  afterReply?: string;
  hoursLater?: number;
  /** A block of markup added at the end. */
  append?: string;
  /** Exact words (they must occur once) replaced by others. */
  replace?: { from: string; to: string };
  by?: NamedHandle;
  reason?: string;
};

export type ScriptPost<Part extends string> = {
  /** A label that later posts use in `replyTo` ("opening" is the thread's first post). */
  id?: string;
  by: Part | NamedHandle;
  /** Markup, see `parseMarkup`. */
  text: string;
  /** The earlier post this one answers (its `id`), shown as "in reply to". Quotes must come from it. */
  replyTo?: string;
  /** Hours after the previous post (e.g. a staff answer within hours); otherwise spread out. */
  after?: number;
  /**
   * Hours before the seed runs, for a post that has to land at a given moment (a status change
   * after another thread opened, say); the replies around it are spread out as usual. Not on the
   * last reply, which `lastReplyHoursAgo` places.
   */
  hoursAgo?: number;
  /** How many people react to it, when the text asks for reactions; otherwise drawn. */
  reactions?: number;
  edit?: PostEdit;
  /**
   * In an idea: this staff post is the message of a status change to this status, as the idea
   * page's "set status" form posts it (a reply to the thread, not to a post).
   */
  status?: IdeaStatus;
  /**
   * In an idea: a member who posts has voted for it, just before their first post, with this
   * importance (drawn from the idea's mix when not given); `false` for a member who doesn't vote.
   */
  vote?: IdeaImportance | false;
};

/**
 * What an idea thread adds to its conversation: the support it drew and the status changes made
 * without a message (those with one are posts with a `status`). A member's own idea carries their
 * vote from the start, at "important", as the app records it.
 */
export type IdeaScript = {
  /** How many members vote for it in all: the author, the members who post, and others drawn. */
  votes: number;
  /** How many of the drawn votes came in the last two weeks (at least; earlier ones may too). */
  recentVotes?: number;
  /** The weights of nice to have, important and critical among the votes drawn. */
  importance: [niceToHave: number, important: number, critical: number];
  /** Voters lean towards this pool (people at larger accounts for an identity feature, say). */
  leaning?: Pool;
  /** Status changes made without a message, hours before the seed runs. */
  silentChanges?: Array<{ to: IdeaStatus; by: NamedHandle; hoursAgo: number }>;
  /**
   * A duplicate that staff merged into an earlier idea (the idea titled `into`), hours before the
   * seed runs, as the idea page's merge does it: its votes move there, its followers follow there,
   * and a note on the other idea says so. Nobody votes for it after that. `sharedVoters` of the
   * votes drawn come from members who had already voted for the other idea.
   */
  mergedInto?: { into: string; by: NamedHandle; hoursAgo: number; sharedVoters?: number };
};

/**
 * What a learning (a staff post saying what they heard and concluded) adds to its conversation:
 * what it draws on, who confirmed it, and which replies correct it. A correction is `accepted` by
 * the edit of the learning's opening post (its revision 2), which has to take it in.
 */
export type LearningScript = {
  /**
   * Its sources, in order: a thread, by the start of its title, or one post of it, by words
   * only that post contains. Whoever can see the learning must be able to see them.
   */
  sources: Array<{ thread: string; post?: string }>;
  /** Named members who confirm it, and how many more are drawn among those who can see it. */
  confirmedBy?: NamedHandle[];
  confirmations: number;
  /** Replies (by their `id`) marked as corrections; at most one accepted, by the opening's edit. */
  corrections: Array<{ reply: string; accepted?: true }>;
};

/**
 * A vote staff recorded for a customer (a proxy vote), with the note they wrote: for one of the
 * named members, or for someone drawn from a pool who can see the idea and hadn't voted for it.
 * `{date}` in the note is the day of the call, a little before the vote was recorded.
 */
export type ProxyVoteScript = {
  idea: string;
  for: NamedHandle | { pool: Pool };
  by: NamedHandle;
  importance: IdeaImportance;
  hoursAgo: number;
  note: string;
};

export type ThreadScript<Part extends string = string> = {
  space: SpaceSlug;
  kind: ThreadKind;
  title: string;
  startedHoursAgo: number;
  /** When the last reply came in; the replies in between are spread out irregularly. */
  lastReplyHoursAgo: number;
  cast: Record<Part, CastEntry>;
  opening: { by: Part | NamedHandle; text: string; edit?: PostEdit };
  replies: ScriptPost<Part>[];
  /** Someone who read the thread up to a position (1 = the opening) and has not been back. */
  readUpTo?: Array<{ by: NamedHandle; position: number }>;
  /** For a thread of kind "idea". */
  idea?: IdeaScript;
  /** For a thread of kind "learning". */
  learning?: LearningScript;
};

/** A typed helper so that `by` and `replyTo` are checked against the thread's own parts. */
export function defineThread<const Part extends string>(
  script: ThreadScript<Part>,
): ThreadScript<Part> {
  return script;
}

/**
 * One member's introduction in the welcome thread, written for their company. `{me}` in the
 * texts is the person introducing themselves: for an account, its earliest member (or its
 * newest, for a colleague who joined later). Staff answers follow within hours.
 */
export type Introduction = {
  by: NamedHandle | { account: string; seat?: "first" | "newest" };
  /** What they do, which becomes their profile's bio ("<role> at <company>."). */
  role?: string;
  /** Invited to the beta space later (as a staff answer promises). */
  betaTester?: boolean;
  text: string;
  answers?: Array<{ by: NamedHandle | "me"; text: string; after?: number }>;
};

export type IntroductionThreadScript = {
  space: SpaceSlug;
  title: string;
  /** The thread opens with the community, and people introduce themselves after they join. */
  opening: { by: NamedHandle; text: string };
  introductions: Introduction[];
};

/** What a placeholder can say about a person. */
export type ScriptPerson = {
  id: string;
  handle: string;
  displayName: string;
  accountName: string | null;
};

/**
 * The markup of the scripts, kept small:
 * - blank lines separate blocks; lines inside a block are joined with a space;
 * - a block whose lines start with "- " is a bullet list, "1. " a numbered list;
 * - a block whose lines start with "> " is a quote; "### " starts a heading;
 * - `**words**` is bold;
 * - `{part}` is the person's first name, `{part.name}` their full name, `{part.company}` their
 *   account's name, and `@{part}` a mention of them.
 */
export function parseMarkup(
  text: string,
  resolve: (part: string) => ScriptPerson,
): { doc: RichTextDoc; quotes: string[] } {
  const quotes: string[] = [];
  const blocks = text
    .trim()
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0);
  const content = blocks.map((lines): JSONContent => {
    const first = lines[0];
    if (first.startsWith("### ")) {
      return {
        type: "heading",
        attrs: { level: 3 },
        content: inline(joinLines(lines).slice(4), resolve),
      };
    }
    if (first.startsWith("> ")) {
      const quoted = joinLines(lines.map((line) => line.replace(/^>\s?/, "")));
      const paragraph = { type: "paragraph", content: inline(quoted, resolve) };
      quotes.push(inlineText(paragraph.content));
      return { type: "blockquote", content: [paragraph] };
    }
    const bullet = /^- /;
    const numbered = /^\d+\. /;
    for (const [marker, type] of [
      [bullet, "bulletList"],
      [numbered, "orderedList"],
    ] as const) {
      if (!marker.test(first)) continue;
      const items: string[][] = [];
      for (const line of lines) {
        if (marker.test(line)) items.push([line.replace(marker, "")]);
        else items[items.length - 1].push(line);
      }
      return {
        type,
        ...(type === "orderedList" ? { attrs: { start: 1, type: null } } : {}),
        content: items.map((item) => ({
          type: "listItem",
          content: [{ type: "paragraph", content: inline(joinLines(item), resolve) }],
        })),
      };
    }
    return { type: "paragraph", content: inline(joinLines(lines), resolve) };
  });
  return { doc: { type: "doc", content }, quotes };
}

function joinLines(lines: string[]) {
  return lines.join(" ");
}

const TOKEN = /(\*\*[^*]+\*\*|@\{[a-zA-Z0-9]+\}|\{[a-zA-Z0-9]+(?:\.(?:name|company))?\})/;

function inline(text: string, resolve: (part: string) => ScriptPerson): JSONContent[] {
  const nodes: JSONContent[] = [];
  const pushText = (value: string, bold = false) => {
    if (!value) return;
    const last = nodes.at(-1);
    const lastBold = Boolean(last?.marks?.length);
    if (last?.type === "text" && lastBold === bold) last.text += value;
    else
      nodes.push(
        bold
          ? { type: "text", text: value, marks: [{ type: "bold" }] }
          : { type: "text", text: value },
      );
  };
  for (const token of text.split(TOKEN)) {
    if (!token) continue;
    if (token.startsWith("**") && token.endsWith("**") && token.length > 4) {
      pushText(fillNames(token.slice(2, -2), resolve), true);
    } else if (token.startsWith("@{")) {
      const person = resolve(token.slice(2, -1));
      nodes.push({
        type: "mention",
        attrs: { id: person.id, label: person.handle, mentionSuggestionChar: "@" },
      });
    } else if (token.startsWith("{")) {
      pushText(fillNames(token, resolve));
    } else {
      if (/[{}]/.test(token)) throw new Error(`Unreadable placeholder in: ${text}`);
      pushText(token);
    }
  }
  return nodes;
}

function fillNames(text: string, resolve: (part: string) => ScriptPerson): string {
  return text.replace(/\{([a-zA-Z0-9]+)(?:\.(name|company))?\}/g, (_, part: string, field) => {
    const person = resolve(part);
    if (field === "name") return person.displayName;
    if (field === "company") {
      if (!person.accountName)
        throw new Error(`{${part}.company}: ${person.handle} has no account`);
      return person.accountName;
    }
    return firstName(person.displayName);
  });
}

function inlineText(nodes: JSONContent[] = []): string {
  return nodes
    .map((node) => (node.type === "mention" ? `@${node.attrs?.label}` : (node.text ?? "")))
    .join("");
}

export function firstName(displayName: string): string {
  return displayName.split(" ")[0];
}
