CREATE TABLE "payment_reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"location_id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"source" text NOT NULL,
	"reference" text NOT NULL,
	"reported_total" integer NOT NULL,
	"payment_amount" integer NOT NULL,
	"event_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_id" text,
	"resolution_note" text,
	CONSTRAINT "payment_reviews_kind_check" CHECK ("payment_reviews"."kind" in ('refund-excess')),
	CONSTRAINT "payment_reviews_amount_check" CHECK ("payment_reviews"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "payment_reviews" ADD CONSTRAINT "payment_reviews_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_reviews" ADD CONSTRAINT "payment_reviews_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_reviews" ADD CONSTRAINT "payment_reviews_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_reviews" ADD CONSTRAINT "payment_reviews_resolved_by_id_staff_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_reviews_report_key" ON "payment_reviews" USING btree ("source","reference","reported_total");--> statement-breakpoint
CREATE INDEX "payment_reviews_open_idx" ON "payment_reviews" USING btree ("invoice_id") WHERE "payment_reviews"."resolved_at" is null;--> statement-breakpoint
-- Hand-written: the derivation of drizzle/0011 with the cap of domain/invoice-case.ts ledgerStanding,
-- never more open than owed. Refunds are now recorded at most up to their payment, but a ledger from
-- before (more refunded than paid) showed an invoice owing more than its gross.
CREATE OR REPLACE FUNCTION invoice_positions(p_location_id text)
RETURNS TABLE (
  invoice_id text, payment_status text, received_amount integer, credited_amount integer,
  open_amount integer, overpaid boolean, foreign_currency boolean
) LANGUAGE sql STABLE AS $$
  WITH scoped AS (
    SELECT i.id, i.status, i.currency, (i.totals->>'gross')::bigint AS gross
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
  ), facts AS (
    SELECT s.id, s.status, s.gross,
      coalesce(l.received, 0) AS received, coalesce(c.credited, 0) AS credited,
      coalesce(l.foreign_currency, false) AS foreign_currency,
      greatest(0, s.gross - coalesce(c.credited, 0)) AS owed
    FROM scoped s
    LEFT JOIN ledger l ON l.invoice_id = s.id
    LEFT JOIN credits c ON c.invoice_id = s.id
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
--> statement-breakpoint
SELECT refresh_invoice_projections(NULL);
