CREATE TABLE "idempotency_keys" (
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"api_key_id" text,
	"key" text NOT NULL,
	"request_sha256" text NOT NULL,
	"response_status" integer NOT NULL,
	"response_body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_location_id_key_pk" PRIMARY KEY("location_id","key")
);
--> statement-breakpoint
CREATE TABLE "invoice_documents" (
	"invoice_id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"content" "bytea" NOT NULL,
	"media_type" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_documents_size_check" CHECK ("invoice_documents"."size" = octet_length("invoice_documents"."content"))
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "dms_send_mode" text DEFAULT 'on_send' NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_documents" ADD CONSTRAINT "invoice_documents_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_documents" ADD CONSTRAINT "invoice_documents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_documents" ADD CONSTRAINT "invoice_documents_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_external_id_key" ON "customers" USING btree ("location_id","external_id") WHERE "customers"."external_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_external_id_key" ON "invoices" USING btree ("location_id","external_id") WHERE "invoices"."external_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "units_external_id_key" ON "units" USING btree ("location_id","external_id") WHERE "units"."external_id" is not null;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_dms_send_mode_check" CHECK ("locations"."dms_send_mode" in ('immediately', 'on_send'));--> statement-breakpoint
-- hand-written
-- A pushed invoice arrives issued and is frozen like any issued one; the DMS's id and the source are
-- part of what is frozen (the DMS reconciles by that id), as is where it came from.
CREATE OR REPLACE FUNCTION invoices_issued_are_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'issued' THEN
      RAISE EXCEPTION 'issued invoice % cannot be deleted', OLD.number USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'issued' AND (
    NEW.status IS DISTINCT FROM OLD.status OR NEW.number IS DISTINCT FROM OLD.number OR
    NEW.kind IS DISTINCT FROM OLD.kind OR NEW.customer_id IS DISTINCT FROM OLD.customer_id OR
    NEW.currency IS DISTINCT FROM OLD.currency OR NEW.lines IS DISTINCT FROM OLD.lines OR
    NEW.totals IS DISTINCT FROM OLD.totals OR NEW.service_date IS DISTINCT FROM OLD.service_date OR
    NEW.issue_date IS DISTINCT FROM OLD.issue_date OR
    (NEW.due_date IS DISTINCT FROM OLD.due_date AND NOT (
      (OLD.kind = 'invoice' AND NEW.due_date IS NOT NULL AND NEW.due_date >= NEW.issue_date) OR
      (OLD.kind = 'credit_note' AND NEW.due_date IS NULL)
    )) OR
    NEW.parties IS DISTINCT FROM OLD.parties OR NEW.credited_invoice_id IS DISTINCT FROM OLD.credited_invoice_id OR
    NEW.po_number IS DISTINCT FROM OLD.po_number OR NEW.note IS DISTINCT FROM OLD.note OR
    NEW.external_id IS DISTINCT FROM OLD.external_id OR NEW.source IS DISTINCT FROM OLD.source
  ) THEN
    RAISE EXCEPTION 'issued invoice % cannot change', OLD.number USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- The DMS's document is the invoice the customer got: it never changes and is never removed.
CREATE FUNCTION invoice_documents_are_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the document of invoice % cannot change', OLD.invoice_id USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invoice_documents_frozen BEFORE UPDATE OR DELETE ON invoice_documents
  FOR EACH ROW EXECUTE FUNCTION invoice_documents_are_frozen();
