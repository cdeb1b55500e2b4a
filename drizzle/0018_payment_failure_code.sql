ALTER TABLE "payment_sessions" ADD COLUMN "failure_code" text;--> statement-breakpoint
ALTER TABLE "payment_sessions" ADD COLUMN "language" text;