CREATE TABLE "dunning_notices" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"level" integer NOT NULL,
	"status" text NOT NULL,
	"due_on" text NOT NULL,
	"currency" text NOT NULL,
	"principal" integer NOT NULL,
	"fee" integer DEFAULT 0 NOT NULL,
	"interest" integer DEFAULT 0 NOT NULL,
	"flat_fee" integer DEFAULT 0 NOT NULL,
	"charges" integer DEFAULT 0 NOT NULL,
	"total" integer NOT NULL,
	"sent_at" timestamp with time zone,
	"sent_to" text,
	"mail_message_id" text,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_notices_status_check" CHECK ("dunning_notices"."status" in ('review', 'sent', 'skipped')),
	CONSTRAINT "dunning_notices_level_check" CHECK ("dunning_notices"."level" between 1 and 6)
);
--> statement-breakpoint
CREATE TABLE "dunning_schedules" (
	"location_id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"interest_enabled" boolean DEFAULT false NOT NULL,
	"min_days_between" integer DEFAULT 7 NOT NULL,
	"levels" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "dunning_charges" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "accounting" jsonb;--> statement-breakpoint
ALTER TABLE "dunning_notices" ADD CONSTRAINT "dunning_notices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_notices" ADD CONSTRAINT "dunning_notices_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_notices" ADD CONSTRAINT "dunning_notices_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_notices" ADD CONSTRAINT "dunning_notices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_schedules" ADD CONSTRAINT "dunning_schedules_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_schedules" ADD CONSTRAINT "dunning_schedules_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_notices_invoice_level_key" ON "dunning_notices" USING btree ("invoice_id","level");--> statement-breakpoint
CREATE INDEX "dunning_notices_queue_idx" ON "dunning_notices" USING btree ("organisation_id","location_id","status","created_at","id");