CREATE TABLE "booking_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"status" text NOT NULL,
	"requested_date" date NOT NULL,
	"requested_time" text NOT NULL,
	"proposed_date" date NOT NULL,
	"proposed_time" text NOT NULL,
	"proposed_by" text NOT NULL,
	"notes" text,
	"decline_reason" text,
	"capacity_override" boolean DEFAULT false NOT NULL,
	"estimate_id" text,
	"created_by_kind" text NOT NULL,
	"created_by_id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_requests_status_check" CHECK ("booking_requests"."status" in ('new', 'awaiting_customer', 'awaiting_shop', 'confirmed', 'declined', 'cancelled')),
	CONSTRAINT "booking_requests_proposed_by_check" CHECK ("booking_requests"."proposed_by" in ('shop', 'customer'))
);
--> statement-breakpoint
CREATE TABLE "customer_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"purpose" text NOT NULL,
	"subject_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_links_purpose_check" CHECK ("customer_links"."purpose" in ('booking-response'))
);
--> statement-breakpoint
CREATE TABLE "estimates" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"booking_request_id" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "estimates_status_check" CHECK ("estimates"."status" in ('draft'))
);
--> statement-breakpoint
CREATE TABLE "opening_hours" (
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"weekday" integer NOT NULL,
	"opens" text NOT NULL,
	"closes" text NOT NULL,
	CONSTRAINT "opening_hours_weekday_check" CHECK ("opening_hours"."weekday" between 1 and 7),
	CONSTRAINT "opening_hours_times_check" CHECK ("opening_hours"."opens" ~ '^[0-2][0-9]:[0-5][0-9]$' and "opening_hours"."closes" ~ '^[0-2][0-9]:[0-5][0-9]$' and "opening_hours"."opens" < "opening_hours"."closes")
);
--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "booking_capacity_per_hour" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "booking_requests" ADD CONSTRAINT "booking_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_requests" ADD CONSTRAINT "booking_requests_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_requests" ADD CONSTRAINT "booking_requests_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_requests" ADD CONSTRAINT "booking_requests_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_links" ADD CONSTRAINT "customer_links_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_links" ADD CONSTRAINT "customer_links_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_links" ADD CONSTRAINT "customer_links_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimates" ADD CONSTRAINT "estimates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimates" ADD CONSTRAINT "estimates_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimates" ADD CONSTRAINT "estimates_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimates" ADD CONSTRAINT "estimates_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimates" ADD CONSTRAINT "estimates_booking_request_id_booking_requests_id_fk" FOREIGN KEY ("booking_request_id") REFERENCES "public"."booking_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_hours" ADD CONSTRAINT "opening_hours_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_hours" ADD CONSTRAINT "opening_hours_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_requests_scope_idx" ON "booking_requests" USING btree ("organisation_id","location_id","status");--> statement-breakpoint
CREATE INDEX "booking_requests_slot_idx" ON "booking_requests" USING btree ("location_id","proposed_date","status");--> statement-breakpoint
CREATE INDEX "booking_requests_customer_idx" ON "booking_requests" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_links_subject_idx" ON "customer_links" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "estimates_scope_idx" ON "estimates" USING btree ("organisation_id","location_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opening_hours_location_weekday_key" ON "opening_hours" USING btree ("location_id","weekday");--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_booking_capacity_check" CHECK ("locations"."booking_capacity_per_hour" between 1 and 100);