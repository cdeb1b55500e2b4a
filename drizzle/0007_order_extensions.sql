CREATE TABLE "extension_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"extension_id" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"approved_ids" jsonb NOT NULL,
	"declined_ids" jsonb NOT NULL,
	"amounts_seen" jsonb NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_extensions" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"work_order_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"offer" jsonb NOT NULL,
	"note" text,
	"sent_by_id" text NOT NULL,
	"sent_by_name" text NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_extensions_status_check" CHECK ("order_extensions"."status" in ('sent', 'decided'))
);
--> statement-breakpoint
CREATE TABLE "recommendation_parts" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"recommendation_id" text NOT NULL,
	"description" text NOT NULL,
	"part_number" text,
	"quantity_milli" integer NOT NULL,
	"unit_price" integer NOT NULL,
	"tax_rate_bp" integer NOT NULL,
	"availability" text DEFAULT 'in_stock' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_parts_availability_check" CHECK ("recommendation_parts"."availability" in ('in_stock', 'next_day', 'on_order'))
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"work_order_id" text NOT NULL,
	"inspection_item_id" text,
	"description" text NOT NULL,
	"urgency" text NOT NULL,
	"note" text,
	"pricing" text DEFAULT 'hourly' NOT NULL,
	"hours_milli" integer DEFAULT 1000 NOT NULL,
	"unit_price" integer,
	"tax_rate_bp" integer DEFAULT 1900 NOT NULL,
	"selected" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"extension_id" text,
	"job_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendations_status_check" CHECK ("recommendations"."status" in ('open', 'sent', 'approved', 'declined')),
	CONSTRAINT "recommendations_urgency_check" CHECK ("recommendations"."urgency" in ('attention', 'urgent'))
);
--> statement-breakpoint
ALTER TABLE "customer_links" DROP CONSTRAINT "customer_links_purpose_check";--> statement-breakpoint
ALTER TABLE "work_items" ALTER COLUMN "estimate_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ALTER COLUMN "labour_line_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ALTER COLUMN "version_no" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "recommendation_id" text;--> statement-breakpoint
ALTER TABLE "extension_decisions" ADD CONSTRAINT "extension_decisions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_decisions" ADD CONSTRAINT "extension_decisions_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_decisions" ADD CONSTRAINT "extension_decisions_extension_id_order_extensions_id_fk" FOREIGN KEY ("extension_id") REFERENCES "public"."order_extensions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_extensions" ADD CONSTRAINT "order_extensions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_extensions" ADD CONSTRAINT "order_extensions_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_extensions" ADD CONSTRAINT "order_extensions_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_extensions" ADD CONSTRAINT "order_extensions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_parts" ADD CONSTRAINT "recommendation_parts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_parts" ADD CONSTRAINT "recommendation_parts_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_parts" ADD CONSTRAINT "recommendation_parts_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_inspection_item_id_inspection_items_id_fk" FOREIGN KEY ("inspection_item_id") REFERENCES "public"."inspection_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "extension_decisions_extension_key" ON "extension_decisions" USING btree ("extension_id");--> statement-breakpoint
CREATE INDEX "order_extensions_order_idx" ON "order_extensions" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "order_extensions_customer_idx" ON "order_extensions" USING btree ("customer_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "order_extensions_one_open" ON "order_extensions" USING btree ("work_order_id") WHERE "order_extensions"."status" = 'sent';--> statement-breakpoint
CREATE INDEX "recommendation_parts_idx" ON "recommendation_parts" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "recommendations_order_idx" ON "recommendations" USING btree ("work_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_item_key" ON "recommendations" USING btree ("inspection_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_items_recommendation_key" ON "work_items" USING btree ("recommendation_id");--> statement-breakpoint
ALTER TABLE "customer_links" ADD CONSTRAINT "customer_links_purpose_check" CHECK ("customer_links"."purpose" in ('booking-response', 'estimate-response', 'extension-response'));--> statement-breakpoint
-- Consent records for order extensions are evidence, like those for estimates: never changed.
CREATE TRIGGER extension_decisions_no_update BEFORE UPDATE OR DELETE ON extension_decisions
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
