import { asc, count, eq, sql } from "drizzle-orm";
import { users, watchedWords } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db, violatedConstraint } from "~/db.server";
import {
  buildWatchedWordMatcher,
  MAX_WATCHED_WORDS,
  normalizePhrase,
  tokenize,
  WATCHED_PHRASE_MAX_CHARACTERS,
  WATCHED_PHRASE_MAX_WORDS,
  type WatchedWordAction,
  type WatchedWordMatch,
  type WatchedWordMatcher,
} from "~/utils/watched-words";
import { recordAuditEvent } from "./audit.server";
import { Refusal } from "./refusal.server";

/** The list is the moderators' tool (the watched-words page's "moderate:content:any"). */
function requireListKeeper(actor: Viewer) {
  if (!can(actor, "moderate:content:any")) {
    throw new Refusal("Only moderators keep the watched words.", 403);
  }
}

export type WatchedWord = {
  id: string;
  phrase: string;
  action: WatchedWordAction;
  createdAt: Date;
  createdByName: string | null;
};

/** The whole list, alphabetically, with who added each phrase; at most `MAX_WATCHED_WORDS` rows. */
export async function listWatchedWords(): Promise<WatchedWord[]> {
  return db
    .select({
      id: watchedWords.id,
      phrase: watchedWords.phrase,
      action: watchedWords.action,
      createdAt: watchedWords.createdAt,
      createdByName: users.displayName,
    })
    .from(watchedWords)
    .leftJoin(users, eq(users.id, watchedWords.createdById))
    .orderBy(asc(watchedWords.phrase))
    .limit(MAX_WATCHED_WORDS);
}

/** Adds a phrase (normalized as stored), refusing a duplicate or a full list. */
export async function addWatchedWord(
  actor: Viewer,
  input: { phrase: string; action: WatchedWordAction },
): Promise<string> {
  requireListKeeper(actor);
  const phrase = normalizePhrase(input.phrase);
  const words = tokenize(phrase).length;
  if (words === 0) {
    throw new Refusal("Include at least one letter or digit.", 400, "phrase");
  }
  if (words > WATCHED_PHRASE_MAX_WORDS || phrase.length > WATCHED_PHRASE_MAX_CHARACTERS) {
    throw new Refusal(
      `Use at most ${WATCHED_PHRASE_MAX_WORDS} words and ${WATCHED_PHRASE_MAX_CHARACTERS} characters.`,
      400,
      "phrase",
    );
  }
  try {
    const id = await db.transaction(async (tx) => {
      // Adds wait for each other (reads don't), so two at once can't both take the last place.
      await tx.execute(sql`lock table ${watchedWords} in share row exclusive mode`);
      const [{ total }] = await tx.select({ total: count() }).from(watchedWords);
      if (total >= MAX_WATCHED_WORDS) {
        throw new Refusal(
          `The list holds at most ${MAX_WATCHED_WORDS} words. Remove one before adding another.`,
          409,
          "phrase",
        );
      }
      const [created] = await tx
        .insert(watchedWords)
        .values({ phrase, action: input.action, createdById: actor.id })
        .returning({ id: watchedWords.id });
      await recordAuditEvent(
        {
          actorId: actor.id,
          action: "watched_word.added",
          targetType: "watched_word",
          targetId: created.id,
          details: { phrase, action: input.action },
        },
        tx,
      );
      return created.id;
    });
    forgetMatcher();
    return id;
  } catch (error) {
    if (violatedConstraint(error) === "watched_words_phrase_key") {
      throw new Refusal(`“${phrase}” is already on the list.`, 409, "phrase");
    }
    throw error;
  }
}

/** Takes a phrase off the list; answers what it was. */
export async function removeWatchedWord(
  actor: Viewer,
  id: string,
): Promise<{ phrase: string; action: WatchedWordAction }> {
  requireListKeeper(actor);
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(watchedWords)
      .where(eq(watchedWords.id, id))
      .returning({ phrase: watchedWords.phrase, action: watchedWords.action });
    if (!row) throw new Refusal("That word is no longer on the list.", 404);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "watched_word.removed",
        targetType: "watched_word",
        targetId: id,
        details: { phrase: row.phrase, action: row.action },
      },
      tx,
    );
    return row;
  });
  forgetMatcher();
  return removed;
}

/**
 * The matcher is built from the whole list and kept in this process for `MATCHER_TTL_MS`, so a
 * post costs one in-memory pass over its words and no query at all most of the time. Adding or
 * removing a phrase clears it here at once; other processes pick the change up when their copy
 * expires, so for up to 10 seconds another process may still let through a phrase just added (or
 * hold one just removed). A moderator changing the list accepts that lag; a query per post
 * would not be worth removing it.
 */
const MATCHER_TTL_MS = 10_000;
let cached: { builtAt: number; matcher: WatchedWordMatcher } | null = null;
let loading: Promise<WatchedWordMatcher> | null = null;
// Bumped by every change; a load that began before a change doesn't fill the cache.
let generation = 0;

function forgetMatcher() {
  generation += 1;
  cached = null;
  loading = null;
}

async function loadMatcher(): Promise<WatchedWordMatcher> {
  const startedIn = generation;
  const rows = await db
    .select({ phrase: watchedWords.phrase, action: watchedWords.action })
    .from(watchedWords)
    .limit(MAX_WATCHED_WORDS);
  const matcher = buildWatchedWordMatcher(rows);
  if (startedIn === generation) cached = { builtAt: Date.now(), matcher };
  return matcher;
}

async function currentMatcher(): Promise<WatchedWordMatcher> {
  if (cached && Date.now() - cached.builtAt < MATCHER_TTL_MS) return cached.matcher;
  // Concurrent posts after expiry share one load instead of each querying.
  if (!loading) {
    const load = loadMatcher();
    loading = load;
    void load.then(
      () => {
        if (loading === load) loading = null;
      },
      () => {
        if (loading === load) loading = null;
      },
    );
  }
  return loading;
}

/** The watched phrase a text contains, "block" before "hold", or null. */
export async function checkWatchedWords(text: string): Promise<WatchedWordMatch | null> {
  return (await currentMatcher())(text);
}
