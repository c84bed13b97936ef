CREATE TYPE "public"."account_import_state" AS ENUM('previewed', 'applied', 'discarded');--> statement-breakpoint
CREATE TABLE "account_import_rows" (
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"segment" text NOT NULL,
	"region" text NOT NULL,
	"revenue_cents" bigint NOT NULL,
	"gross_profit_cents" bigint NOT NULL,
	"lifetime_value_cents" bigint NOT NULL,
	"customer_since" date,
	"renewal_date" date,
	"owner_id" uuid,
	"acquisition_source" text NOT NULL,
	"first_product" text NOT NULL,
	"products" text[] NOT NULL,
	"contact_emails" text[] NOT NULL,
	"as_of" date NOT NULL,
	CONSTRAINT "account_import_rows_import_id_line_pk" PRIMARY KEY("import_id","line")
);
--> statement-breakpoint
CREATE TABLE "account_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"imported_by_id" uuid,
	"file_name" text NOT NULL,
	"state" "account_import_state" DEFAULT 'previewed' NOT NULL,
	"as_of" date,
	"row_count" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"columns" text[] DEFAULT '{}'::text[] NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "account_snapshots" (
	"account_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"import_id" uuid,
	"segment" text NOT NULL,
	"region" text NOT NULL,
	"revenue_cents" bigint NOT NULL,
	"gross_profit_cents" bigint NOT NULL,
	"lifetime_value_cents" bigint NOT NULL,
	"products" text[] NOT NULL,
	CONSTRAINT "account_snapshots_account_id_as_of_pk" PRIMARY KEY("account_id","as_of"),
	CONSTRAINT "account_snapshots_non_negative" CHECK ("account_snapshots"."revenue_cents" >= 0 and "account_snapshots"."lifetime_value_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "region" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "renewal_date" date;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "acquisition_source" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "first_product" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "products" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "contact_emails" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "account_import_rows" ADD CONSTRAINT "account_import_rows_import_id_account_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."account_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_imports" ADD CONSTRAINT "account_imports_imported_by_id_users_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_snapshots" ADD CONSTRAINT "account_snapshots_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_snapshots" ADD CONSTRAINT "account_snapshots_import_id_account_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."account_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_import_rows_external_id_key" ON "account_import_rows" USING btree ("import_id","external_id");--> statement-breakpoint
CREATE INDEX "account_imports_created_idx" ON "account_imports" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "account_snapshots_as_of_idx" ON "account_snapshots" USING btree ("as_of","revenue_cents" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Each account's values so far become its first snapshot, as of when they were last edited.
INSERT INTO "account_snapshots" ("account_id", "as_of", "segment", "region", "revenue_cents", "gross_profit_cents", "lifetime_value_cents", "products")
SELECT "id", "updated_at"::date, "segment", "region", "revenue_cents", "gross_profit_cents", "lifetime_value_cents", "products" FROM "accounts";
