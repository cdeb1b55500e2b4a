CREATE TABLE "invoice_uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"status" text DEFAULT 'reading' NOT NULL,
	"source_kind" text,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"extraction" jsonb,
	"document_number" text,
	"customer_id" text,
	"reason" text,
	"message" text,
	"created_by_id" text,
	"invoice_id" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_uploads_status_check" CHECK ("invoice_uploads"."status" in ('reading', 'ready', 'unreadable', 'created')),
	CONSTRAINT "invoice_uploads_source_kind_check" CHECK ("invoice_uploads"."source_kind" in ('xml', 'pdf_e_invoice', 'pdf', 'image', 'other')),
	CONSTRAINT "invoice_uploads_size_check" CHECK ("invoice_uploads"."size" = octet_length("invoice_uploads"."content")),
	CONSTRAINT "invoice_uploads_created_check" CHECK (("invoice_uploads"."status" = 'created') = ("invoice_uploads"."invoice_id" is not null)),
	CONSTRAINT "invoice_uploads_reason_check" CHECK (("invoice_uploads"."status" = 'unreadable') = ("invoice_uploads"."reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "invoice_uploads" ADD CONSTRAINT "invoice_uploads_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_uploads" ADD CONSTRAINT "invoice_uploads_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_uploads" ADD CONSTRAINT "invoice_uploads_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_uploads" ADD CONSTRAINT "invoice_uploads_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_uploads_list_idx" ON "invoice_uploads" USING btree ("organisation_id","location_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_uploads_invoice_key" ON "invoice_uploads" USING btree ("invoice_id") WHERE "invoice_uploads"."invoice_id" is not null;--> statement-breakpoint
CREATE INDEX "invoice_uploads_number_idx" ON "invoice_uploads" USING btree ("location_id","document_number") WHERE "invoice_uploads"."document_number" is not null;--> statement-breakpoint
CREATE INDEX "customers_vat_id_idx" ON "customers" USING btree ("location_id",upper(replace("vat_id", ' ', ''))) WHERE "customers"."vat_id" is not null;--> statement-breakpoint
CREATE INDEX "customers_email_idx" ON "customers" USING btree ("location_id",lower("email")) WHERE "customers"."email" is not null;--> statement-breakpoint
CREATE INDEX "customers_postal_code_idx" ON "customers" USING btree ("location_id","postal_code") WHERE "customers"."postal_code" is not null;