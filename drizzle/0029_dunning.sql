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
CREATE INDEX "dunning_notices_queue_idx" ON "dunning_notices" USING btree ("organisation_id","location_id","status","created_at","id");--> statement-breakpoint
-- Hand-written: the derivation of drizzle/0016 with the charges of sent reminders (issue #15), as in
-- domain/invoice-case.ts ledgerStanding: owed on top of the gross while any of the invoice is owed.
CREATE OR REPLACE FUNCTION invoice_positions(p_location_id text)
RETURNS TABLE (
  invoice_id text, payment_status text, received_amount integer, credited_amount integer,
  open_amount integer, overpaid boolean, foreign_currency boolean
) LANGUAGE sql STABLE AS $$
  WITH scoped AS (
    SELECT i.id, i.status, i.currency, (i.totals->>'gross')::bigint AS gross, i.dunning_charges::bigint AS charges
    FROM invoices i
    WHERE p_location_id IS NULL OR i.location_id = p_location_id
  ), ledger AS (
    -- Entries in another currency than the invoice are never counted, only flagged.
    SELECT p.invoice_id,
      sum(CASE WHEN p.currency <> s.currency THEN 0 WHEN p.kind = 'payment' THEN p.amount ELSE -p.amount END) AS received,
      bool_or(p.currency <> s.currency) AS foreign_currency
    FROM invoice_payments p JOIN scoped s ON s.id = p.invoice_id
    GROUP BY p.invoice_id
  ), credits AS (
    SELECT c.credited_invoice_id AS invoice_id, sum((c.totals->>'gross')::bigint) AS credited
    FROM invoices c JOIN scoped s ON s.id = c.credited_invoice_id
    WHERE c.status = 'issued'
    GROUP BY c.credited_invoice_id
  ), principal AS (
    SELECT s.id, s.status, s.gross, s.charges,
      coalesce(l.received, 0) AS received, coalesce(c.credited, 0) AS credited,
      coalesce(l.foreign_currency, false) AS foreign_currency,
      greatest(0, s.gross - coalesce(c.credited, 0)) AS principal
    FROM scoped s
    LEFT JOIN ledger l ON l.invoice_id = s.id
    LEFT JOIN credits c ON c.invoice_id = s.id
  ), facts AS (
    SELECT p.*, CASE WHEN p.principal > 0 THEN p.principal + greatest(0, p.charges) ELSE 0 END AS owed
    FROM principal p
  )
  SELECT id,
    CASE
      WHEN status <> 'issued' THEN 'draft'
      WHEN credited >= gross AND received <= 0 THEN 'credited'
      WHEN greatest(0, owed - received) = 0 THEN 'paid'
      WHEN received > 0 THEN 'partially_paid'
      ELSE 'invoiced'
    END,
    received::integer, credited::integer, least(owed, greatest(0, owed - received))::integer,
    received > owed, foreign_currency
  FROM facts
$$;
