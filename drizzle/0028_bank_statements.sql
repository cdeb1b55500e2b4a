CREATE TABLE "bank_statement_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"statement_id" text NOT NULL,
	"entry_key" text NOT NULL,
	"booking_date" text NOT NULL,
	"value_date" text,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"direction" text NOT NULL,
	"payer_name" text,
	"payer_iban" text,
	"remittance" text DEFAULT '' NOT NULL,
	"bank_reference" text,
	"status" text NOT NULL,
	"match_rule" text,
	"reason" text,
	"invoice_id" text,
	"payment_id" text,
	"resolved_by_id" text,
	"resolved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_statement_entries_amount_check" CHECK ("bank_statement_entries"."amount" > 0),
	CONSTRAINT "bank_statement_entries_status_check" CHECK ("bank_statement_entries"."status" in ('matched', 'unmatched', 'assigned', 'ignored', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "bank_statements" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"reference" text NOT NULL,
	"account" text NOT NULL,
	"from_date" text,
	"to_date" text,
	"entry_count" integer NOT NULL,
	"matched_count" integer NOT NULL,
	"unmatched_count" integer NOT NULL,
	"skipped_count" integer NOT NULL,
	"imported_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bank_statement_entries" ADD CONSTRAINT "bank_statement_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_statement_entries" ADD CONSTRAINT "bank_statement_entries_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_statement_entries" ADD CONSTRAINT "bank_statement_entries_statement_id_bank_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."bank_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_statement_entries" ADD CONSTRAINT "bank_statement_entries_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_statements" ADD CONSTRAINT "bank_statements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_statements" ADD CONSTRAINT "bank_statements_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statement_entries_key" ON "bank_statement_entries" USING btree ("location_id","entry_key");--> statement-breakpoint
CREATE INDEX "bank_statement_entries_queue_idx" ON "bank_statement_entries" USING btree ("organisation_id","location_id","status","booking_date","id");--> statement-breakpoint
CREATE INDEX "bank_statement_entries_statement_idx" ON "bank_statement_entries" USING btree ("statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statements_file_key" ON "bank_statements" USING btree ("location_id","sha256");--> statement-breakpoint
CREATE INDEX "bank_statements_list_idx" ON "bank_statements" USING btree ("organisation_id","location_id","created_at","id");