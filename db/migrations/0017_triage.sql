CREATE TABLE "triage_states" (
	"entry_key" text PRIMARY KEY NOT NULL,
	"thread_id" uuid NOT NULL,
	"post_id" uuid,
	"owner_id" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worth_a_look_flags" (
	"post_id" uuid PRIMARY KEY NOT NULL,
	"thread_id" uuid NOT NULL,
	"flagged_by_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "triage_states" ADD CONSTRAINT "triage_states_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_states" ADD CONSTRAINT "triage_states_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_states" ADD CONSTRAINT "triage_states_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_states" ADD CONSTRAINT "triage_states_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worth_a_look_flags" ADD CONSTRAINT "worth_a_look_flags_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worth_a_look_flags" ADD CONSTRAINT "worth_a_look_flags_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worth_a_look_flags" ADD CONSTRAINT "worth_a_look_flags_flagged_by_id_users_id_fk" FOREIGN KEY ("flagged_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "triage_states_owner_idx" ON "triage_states" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "worth_a_look_flags_created_idx" ON "worth_a_look_flags" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "threads_kind_created_idx" ON "threads" USING btree ("kind","created_at" DESC NULLS LAST);