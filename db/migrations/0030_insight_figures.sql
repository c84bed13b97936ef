CREATE TABLE "insight_figure_generation" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"generation" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "insight_figure_generation_single_row" CHECK ("insight_figure_generation"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "insight_figures" (
	"key" text PRIMARY KEY NOT NULL,
	"generation" bigint NOT NULL,
	"figures" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "insight_figure_generation" ("id") VALUES (1) ON CONFLICT DO NOTHING;
