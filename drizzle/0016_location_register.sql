ALTER TABLE "locations" ADD COLUMN "register_court" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "register_number" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "managing_directors" jsonb DEFAULT '[]'::jsonb NOT NULL;