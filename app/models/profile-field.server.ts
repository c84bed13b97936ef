import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { profileFields, profileFieldValues, type FieldVisibility } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { recordAuditEvent } from "./audit.server";
import { Refusal } from "./refusal.server";

/** Questions a community asks at most: each is a line on a member's profile form. */
export const MAX_PROFILE_FIELDS = 20;
export const PROFILE_FIELD_VALUE_MAX = 500;

function requireFieldAdmin(actor: Viewer) {
  if (!can(actor, "manage:settings:any")) {
    throw new Refusal("Only admins define the profile questions.", 403);
  }
}

/** Every field, asked or retired, with how many members answered it (for admins). */
export async function listProfileFieldsForAdmin(actor: Viewer) {
  requireFieldAdmin(actor);
  return db
    .select({
      id: profileFields.id,
      label: profileFields.label,
      purpose: profileFields.purpose,
      position: profileFields.position,
      retiredAt: profileFields.retiredAt,
      answers: sql<number>`(select count(*)::int from ${profileFieldValues} v where v.field_id = ${profileFields.id})`,
    })
    .from(profileFields)
    .orderBy(asc(profileFields.position), asc(profileFields.createdAt))
    .limit(100);
}

export type ProfileFieldInput = { label: string; purpose: string };

export async function createProfileField(actor: Viewer, input: ProfileFieldInput) {
  requireFieldAdmin(actor);
  return db.transaction(async (tx) => {
    const [{ asked }] = await tx.execute<{ asked: number }>(
      sql`select count(*)::int as asked from ${profileFields} where retired_at is null`,
    );
    if (asked >= MAX_PROFILE_FIELDS) {
      throw new Refusal(`Ask at most ${MAX_PROFILE_FIELDS} questions; retire one first.`, 409);
    }
    const [field] = await tx
      .insert(profileFields)
      .values({ ...input, position: asked })
      .returning({ id: profileFields.id });
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "settings.profile_field_added",
        targetType: "settings",
        targetId: field.id,
        details: { label: input.label },
      },
      tx,
    );
    return field.id;
  });
}

export async function updateProfileField(actor: Viewer, fieldId: string, input: ProfileFieldInput) {
  requireFieldAdmin(actor);
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(profileFields)
      .set(input)
      .where(eq(profileFields.id, fieldId))
      .returning({ id: profileFields.id });
    if (changed.length === 0) throw new Refusal("No such profile question.", 404);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "settings.profile_field_changed",
        targetType: "settings",
        targetId: fieldId,
        details: { label: input.label },
      },
      tx,
    );
  });
}

/**
 * Stops asking a question, or asks it again. Answers already given stay with their members (it
 * is their data), shown as before, until each removes theirs.
 */
export async function setProfileFieldRetired(actor: Viewer, fieldId: string, retired: boolean) {
  requireFieldAdmin(actor);
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(profileFields)
      .set({ retiredAt: retired ? new Date() : null })
      .where(eq(profileFields.id, fieldId))
      .returning({ label: profileFields.label });
    if (changed.length === 0) throw new Refusal("No such profile question.", 404);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: retired ? "settings.profile_field_retired" : "settings.profile_field_restored",
        targetType: "settings",
        targetId: fieldId,
        details: { label: changed[0].label },
      },
      tx,
    );
  });
}

/** The questions asked now, and retired ones the person answered, each with their answer. */
export async function listMyProfileFields(viewer: Viewer) {
  return db
    .select({
      id: profileFields.id,
      label: profileFields.label,
      purpose: profileFields.purpose,
      retired: sql<boolean>`${profileFields.retiredAt} is not null`,
      value: profileFieldValues.value,
      visibility: profileFieldValues.visibility,
      updatedAt: profileFieldValues.updatedAt,
    })
    .from(profileFields)
    .leftJoin(
      profileFieldValues,
      and(
        eq(profileFieldValues.fieldId, profileFields.id),
        eq(profileFieldValues.userId, viewer.id),
      ),
    )
    .where(sql`${profileFields.retiredAt} is null or ${profileFieldValues.userId} is not null`)
    .orderBy(asc(profileFields.position), asc(profileFields.createdAt))
    .limit(100);
}

export type FieldAnswer = { fieldId: string; value: string; visibility: FieldVisibility };

/**
 * Saves the person's answers: a blank one removes their answer. Only questions asked now take
 * new answers; an answer to a retired one can be changed or removed.
 */
export async function saveMyProfileFields(viewer: Viewer, answers: FieldAnswer[]) {
  if (new Set(answers.map((answer) => answer.fieldId)).size !== answers.length) {
    throw new Refusal("Each question takes one answer: reload the page and try again.", 400);
  }
  const mine = await listMyProfileFields(viewer);
  const known = new Map(mine.map((field) => [field.id, field]));
  for (const answer of answers) {
    const field = known.get(answer.fieldId);
    if (!field) throw new Refusal("That profile question isn't asked any more.", 409);
    if (answer.value.length > PROFILE_FIELD_VALUE_MAX) {
      throw new Refusal(
        `Answer “${field.label}” in at most ${PROFILE_FIELD_VALUE_MAX} characters.`,
        400,
      );
    }
  }
  const kept = answers.filter((answer) => answer.value.trim().length > 0);
  const cleared = answers.filter((answer) => answer.value.trim().length === 0);
  await db.transaction(async (tx) => {
    if (cleared.length > 0) {
      await tx.delete(profileFieldValues).where(
        and(
          eq(profileFieldValues.userId, viewer.id),
          inArray(
            profileFieldValues.fieldId,
            cleared.map((answer) => answer.fieldId),
          ),
        ),
      );
    }
    if (kept.length > 0) {
      const now = new Date();
      await tx
        .insert(profileFieldValues)
        .values(
          kept.map((answer) => ({
            userId: viewer.id,
            fieldId: answer.fieldId,
            value: answer.value.trim(),
            visibility: answer.visibility,
            updatedAt: now,
          })),
        )
        .onConflictDoUpdate({
          target: [profileFieldValues.userId, profileFieldValues.fieldId],
          set: {
            value: sql`excluded.value`,
            visibility: sql`excluded.visibility`,
            updatedAt: now,
          },
        });
    }
  });
}

/**
 * Which answers the viewer may read, in SQL over `profile_field_values`: their own, staff's
 * answers left to staff when the viewer is staff, and those shared with every member.
 */
function answerShownTo(viewer: Viewer): SQL {
  const audiences: FieldVisibility[] = can(viewer, "read:volunteered-field:any")
    ? ["members", "staff"]
    : ["members"];
  return sql`(${profileFieldValues.userId} = ${viewer.id} or ${inArray(profileFieldValues.visibility, audiences)})`;
}

/** A person's answers that this viewer may read, for their profile page. */
export async function listProfileAnswersShownTo(viewer: Viewer, personId: string) {
  return db
    .select({
      label: profileFields.label,
      value: profileFieldValues.value,
      visibility: profileFieldValues.visibility,
    })
    .from(profileFieldValues)
    .innerJoin(profileFields, eq(profileFields.id, profileFieldValues.fieldId))
    .where(and(eq(profileFieldValues.userId, personId), answerShownTo(viewer)))
    .orderBy(asc(profileFields.position), asc(profileFields.createdAt))
    .limit(100);
}
