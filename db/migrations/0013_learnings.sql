ALTER TYPE "public"."thread_kind" ADD VALUE 'learning';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'cited';--> statement-breakpoint
CREATE TABLE "learning_confirmations" (
	"learning_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learning_confirmations_learning_id_user_id_pk" PRIMARY KEY("learning_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "learning_corrections" (
	"post_id" uuid PRIMARY KEY NOT NULL,
	"learning_id" uuid NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by_id" uuid,
	"accepted_revision" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learning_id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"post_id" uuid,
	"position" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "learning_confirmations" ADD CONSTRAINT "learning_confirmations_learning_id_threads_id_fk" FOREIGN KEY ("learning_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_confirmations" ADD CONSTRAINT "learning_confirmations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_corrections" ADD CONSTRAINT "learning_corrections_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_corrections" ADD CONSTRAINT "learning_corrections_learning_id_threads_id_fk" FOREIGN KEY ("learning_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_corrections" ADD CONSTRAINT "learning_corrections_accepted_by_id_users_id_fk" FOREIGN KEY ("accepted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_sources" ADD CONSTRAINT "learning_sources_learning_id_threads_id_fk" FOREIGN KEY ("learning_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_sources" ADD CONSTRAINT "learning_sources_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_sources" ADD CONSTRAINT "learning_sources_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_corrections_learning_idx" ON "learning_corrections" USING btree ("learning_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_sources_learning_idx" ON "learning_sources" USING btree ("learning_id","position");