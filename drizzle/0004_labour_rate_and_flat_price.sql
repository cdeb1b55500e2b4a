ALTER TABLE "estimate_lines" ADD COLUMN "pricing" text DEFAULT 'hourly' NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "labour_rate" integer DEFAULT 9500 NOT NULL;--> statement-breakpoint
ALTER TABLE "estimate_lines" ADD CONSTRAINT "estimate_lines_pricing_check" CHECK ("estimate_lines"."pricing" in ('hourly', 'flat'));