CREATE TABLE "influence_role_models" (
	"run_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"followers" integer NOT NULL,
	"interactions" integer NOT NULL,
	"weight" double precision NOT NULL,
	"kinds" jsonb NOT NULL,
	"engaged_by" uuid[] NOT NULL,
	CONSTRAINT "influence_role_models_run_id_user_id_pk" PRIMARY KEY("run_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "backlog_items" ADD COLUMN "influence_weighted" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Edges are derived and rewritten by the next run: the earlier run's have no first interaction time.
TRUNCATE "influence_edges";--> statement-breakpoint
ALTER TABLE "influence_edges" ADD COLUMN "first_at" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "member_influence" ADD COLUMN "account_tier" text;--> statement-breakpoint
ALTER TABLE "member_influence" ADD COLUMN "referent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "member_influence" ADD COLUMN "informational" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "member_influence" ADD COLUMN "expert" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "influence_role_models" ADD CONSTRAINT "influence_role_models_run_id_influence_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."influence_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "influence_role_models" ADD CONSTRAINT "influence_role_models_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "influence_role_models_position_idx" ON "influence_role_models" USING btree ("run_id","position");--> statement-breakpoint
CREATE INDEX "posts_reply_to_idx" ON "posts" USING btree ("reply_to_post_id") WHERE "posts"."reply_to_post_id" is not null;