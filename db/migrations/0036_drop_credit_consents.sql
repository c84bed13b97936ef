DROP TABLE "credit_consents" CASCADE;--> statement-breakpoint
DROP TYPE "public"."credit_choice";