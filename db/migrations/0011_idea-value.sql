ALTER TABLE "ideas" ADD COLUMN "value_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "ideas_value_idx" ON "ideas" USING btree ("value_cents" DESC NULLS LAST);--> statement-breakpoint
UPDATE "ideas" SET "value_cents" = (
  SELECT coalesce(sum(a."revenue_cents"), 0) FROM "accounts" a
  WHERE a."id" IN (
    SELECT u."account_id" FROM "idea_votes" v JOIN "users" u ON u."id" = v."user_id"
    WHERE v."idea_id" = "ideas"."thread_id"));
