-- The invoices' read model (issue #10): the payment position as columns on invoices, a search
-- column for the dashboard, and the indexes its filters, order, count and totals run on.
-- Trigram indexes need pg_trgm (a trusted extension from PostgreSQL 13 on; other migrations may
-- create it too).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "invoices_scope_idx";--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "received_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "credited_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "open_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "overpaid" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "foreign_currency" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "payment_status" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_payment_status_check" CHECK ("invoices"."payment_status" in ('draft', 'invoiced', 'partially_paid', 'paid', 'credited'));--> statement-breakpoint
-- The payment position of every invoice of a location (of all when null), derived in one pass from
-- the ledger and the issued credit notes: the rule of domain/invoice-case.ts `ledgerStanding`, proven
-- equal to it by test/api/invoice-projection.test.ts. Used to backfill and after bulk loads; the app
-- writes the same columns one invoice at a time (app/payments/position.ts `recordPosition`).
CREATE FUNCTION invoice_positions(p_location_id text)
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
    received::integer, credited::integer, greatest(0, owed - received)::integer,
    received > owed, foreign_currency
  FROM facts
$$;
--> statement-breakpoint
-- Writes the derived position where the stored one differs; returns how many invoices changed.
CREATE FUNCTION refresh_invoice_projections(p_location_id text) RETURNS integer LANGUAGE sql AS $$
  WITH changed AS (
    UPDATE invoices i SET
      payment_status = d.payment_status, received_amount = d.received_amount,
      credited_amount = d.credited_amount, open_amount = d.open_amount,
      overpaid = d.overpaid, foreign_currency = d.foreign_currency
    FROM invoice_positions(p_location_id) d
    WHERE i.id = d.invoice_id AND
      (i.payment_status, i.received_amount, i.credited_amount, i.open_amount, i.overpaid, i.foreign_currency)
      IS DISTINCT FROM
      (d.payment_status, d.received_amount, d.credited_amount, d.open_amount, d.overpaid, d.foreign_currency)
    RETURNING 1
  )
  SELECT count(*)::integer FROM changed
$$;
--> statement-breakpoint
-- The dashboard searches number, PO number, customer name and plate. Those live in three tables, and
-- an OR across joined tables cannot use one index, so the invoice keeps them in one column with a
-- trigram index: set on insert and when its own fields change, and again when a customer is renamed
-- or a unit's plate changes. Lower-cased, so the search is a LIKE (a quarter of ILIKE's cost on
-- the rows a broad search checks).
CREATE FUNCTION invoice_search_text(p_number text, p_po_number text, p_customer_id text, p_unit_id text)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT lower(concat_ws(E'\n', p_number, p_po_number,
    (SELECT display_name FROM customers WHERE id = p_customer_id),
    (SELECT plate FROM units WHERE id = p_unit_id)))
$$;
--> statement-breakpoint
CREATE FUNCTION invoices_set_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := invoice_search_text(NEW.number, NEW.po_number, NEW.customer_id, NEW.unit_id);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invoices_search_text BEFORE INSERT OR UPDATE OF number, po_number, customer_id, unit_id
  ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_set_search_text();
--> statement-breakpoint
CREATE FUNCTION customers_invoice_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE invoices SET search_text = invoice_search_text(number, po_number, customer_id, unit_id)
  WHERE customer_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER customers_invoice_search_text AFTER UPDATE OF display_name ON customers
  FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name)
  EXECUTE FUNCTION customers_invoice_search_text();
--> statement-breakpoint
CREATE FUNCTION units_invoice_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE invoices SET search_text = invoice_search_text(number, po_number, customer_id, unit_id)
  WHERE unit_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER units_invoice_search_text AFTER UPDATE OF plate ON units
  FOR EACH ROW WHEN (OLD.plate IS DISTINCT FROM NEW.plate)
  EXECUTE FUNCTION units_invoice_search_text();
--> statement-breakpoint
-- Backfill existing invoices before their indexes are built (one write per row, not one per index).
UPDATE invoices SET search_text = invoice_search_text(number, po_number, customer_id, unit_id);
--> statement-breakpoint
SELECT refresh_invoice_projections(NULL);--> statement-breakpoint
-- The dashboard's list, count and totals are index-only scans, which skip the row only on pages
-- VACUUM has marked all-visible. The newest invoices are the ones that change (payments, handover,
-- booking), so vacuum after 1 % of the table has changed, not the default 20 %.
ALTER TABLE invoices SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
CREATE INDEX "invoice_payments_scope_idx" ON "invoice_payments" USING btree ("organisation_id","location_id","created_at","kind","amount");--> statement-breakpoint
CREATE INDEX "invoices_open_idx" ON "invoices" USING btree ("organisation_id","location_id","created_at","id","open_amount","search_text") WHERE "invoices"."kind" = 'invoice' and "invoices"."status" = 'issued' and "invoices"."open_amount" > 0;--> statement-breakpoint
CREATE INDEX "invoices_delivered_unpaid_idx" ON "invoices" USING btree ("organisation_id","location_id","created_at","id","search_text") WHERE "invoices"."kind" = 'invoice' and "invoices"."status" = 'issued' and "invoices"."open_amount" > 0 and "invoices"."delivered_at" is not null;--> statement-breakpoint
CREATE INDEX "invoices_paid_ready_idx" ON "invoices" USING btree ("organisation_id","location_id","created_at","id","search_text") WHERE "invoices"."kind" = 'invoice' and "invoices"."status" = 'issued' and "invoices"."open_amount" = 0 and "invoices"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "invoices_closed_idx" ON "invoices" USING btree ("organisation_id","location_id","created_at","id","search_text") WHERE "invoices"."kind" = 'invoice' and "invoices"."status" = 'issued' and "invoices"."open_amount" = 0 and "invoices"."delivered_at" is not null and "invoices"."booked_at" is not null;--> statement-breakpoint
CREATE INDEX "invoices_credited_idx" ON "invoices" USING btree ("credited_invoice_id") WHERE "invoices"."credited_invoice_id" is not null;--> statement-breakpoint
CREATE INDEX "invoices_unit_idx" ON "invoices" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "invoices_search_idx" ON "invoices" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "provider_events_unmatched_idx" ON "provider_events" USING btree ("provider","detail") WHERE "provider_events"."outcome" = 'unmatched';--> statement-breakpoint
CREATE INDEX "invoices_scope_idx" ON "invoices" USING btree ("organisation_id","location_id","created_at","id","search_text");
