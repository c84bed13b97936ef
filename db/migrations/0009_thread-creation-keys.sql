ALTER TABLE "threads" ADD COLUMN "creation_key" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "threads_creation_key_key" ON "threads" USING btree ("creation_key");