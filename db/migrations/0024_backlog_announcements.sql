CREATE TABLE "backlog_announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"from_status" "backlog_status" NOT NULL,
	"to_status" "backlog_status" NOT NULL,
	"notes" jsonb,
	"notes_html" text DEFAULT '' NOT NULL,
	"notes_text" text DEFAULT '' NOT NULL,
	"created_by_id" uuid,
	"send_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "backlog_items" ADD COLUMN "release_notes" jsonb;--> statement-breakpoint
ALTER TABLE "backlog_items" ADD COLUMN "release_notes_html" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "backlog_items" ADD COLUMN "release_notes_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "backlog_announcements" ADD CONSTRAINT "backlog_announcements_item_id_backlog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."backlog_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backlog_announcements" ADD CONSTRAINT "backlog_announcements_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "backlog_announcements_item_key" ON "backlog_announcements" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "backlog_announcements_send_at_idx" ON "backlog_announcements" USING btree ("send_at");