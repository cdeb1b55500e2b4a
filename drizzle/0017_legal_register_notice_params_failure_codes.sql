ALTER TABLE "locations" ADD COLUMN "register_court" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "register_number" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "managing_directors" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "payment_sessions" ADD COLUMN "failure_code" text;--> statement-breakpoint
ALTER TABLE "payment_sessions" ADD COLUMN "language" text;