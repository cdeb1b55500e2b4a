ALTER TABLE "locations" ADD COLUMN "billing_mode" text DEFAULT 'clocked' NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "billing_tolerance_pct" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_billing_mode_check" CHECK ("locations"."billing_mode" in ('approved', 'clocked'));--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_billing_tolerance_check" CHECK ("locations"."billing_tolerance_pct" between 0 and 100);