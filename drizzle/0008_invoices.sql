CREATE TABLE "invoice_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"method" text NOT NULL,
	"source" text NOT NULL,
	"reference" text,
	"recorded_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_payments_kind_check" CHECK ("invoice_payments"."kind" in ('payment', 'refund')),
	CONSTRAINT "invoice_payments_amount_check" CHECK ("invoice_payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"kind" text DEFAULT 'invoice' NOT NULL,
	"number" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text NOT NULL,
	"customer_id" text NOT NULL,
	"unit_id" text,
	"work_order_id" text,
	"credited_invoice_id" text,
	"currency" text NOT NULL,
	"lines" jsonb NOT NULL,
	"totals" jsonb NOT NULL,
	"service_date" text,
	"issue_date" text,
	"due_date" text,
	"note" text,
	"po_number" text,
	"parties" jsonb,
	"issued_at" timestamp with time zone,
	"issued_by_id" text,
	"sent_at" timestamp with time zone,
	"sent_to" text,
	"sent_by_id" text,
	"delivered_at" timestamp with time zone,
	"delivered_by_id" text,
	"delivered_to" text,
	"booked_at" timestamp with time zone,
	"booked_by_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_kind_check" CHECK ("invoices"."kind" in ('invoice', 'credit_note')),
	CONSTRAINT "invoices_status_check" CHECK ("invoices"."status" in ('draft', 'issued')),
	CONSTRAINT "invoices_number_when_issued" CHECK (("invoices"."status" = 'issued') = ("invoices"."number" is not null))
);
--> statement-breakpoint
ALTER TABLE "customer_links" DROP CONSTRAINT "customer_links_purpose_check";--> statement-breakpoint
ALTER TABLE "customer_links" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoice_payments" ADD CONSTRAINT "invoice_payments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_payments" ADD CONSTRAINT "invoice_payments_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_payments" ADD CONSTRAINT "invoice_payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_payments_invoice_idx" ON "invoice_payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_key" ON "invoices" USING btree ("location_id","number") WHERE "invoices"."number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_work_order_key" ON "invoices" USING btree ("work_order_id") WHERE "invoices"."work_order_id" is not null and "invoices"."kind" = 'invoice';--> statement-breakpoint
CREATE INDEX "invoices_scope_idx" ON "invoices" USING btree ("organisation_id","location_id","created_at");--> statement-breakpoint
CREATE INDEX "invoices_customer_idx" ON "invoices" USING btree ("customer_id");--> statement-breakpoint
ALTER TABLE "customer_links" ADD CONSTRAINT "customer_links_purpose_check" CHECK ("customer_links"."purpose" in ('booking-response', 'estimate-response', 'extension-response', 'invoice-payment'));--> statement-breakpoint
-- An issued invoice (or credit note) never changes what it says and is never deleted: corrections
-- go through a credit note. The case around it (sent, delivered, booked) may still be recorded.
CREATE FUNCTION invoices_issued_are_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
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
    NEW.issue_date IS DISTINCT FROM OLD.issue_date OR NEW.due_date IS DISTINCT FROM OLD.due_date OR
    NEW.parties IS DISTINCT FROM OLD.parties OR NEW.credited_invoice_id IS DISTINCT FROM OLD.credited_invoice_id OR
    NEW.po_number IS DISTINCT FROM OLD.po_number OR NEW.note IS DISTINCT FROM OLD.note
  ) THEN
    RAISE EXCEPTION 'issued invoice % cannot change', OLD.number USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invoices_issued_frozen BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoices_issued_are_frozen();
--> statement-breakpoint
CREATE TRIGGER invoice_payments_no_update BEFORE UPDATE OR DELETE ON invoice_payments
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
