ALTER TABLE "customer_links" ADD COLUMN "revoked_by_id" text;--> statement-breakpoint
ALTER TABLE "customer_links" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
-- hand-written: begin
-- An issued invoice stays frozen, with two exceptions for its due date: Send invoice sets the
-- invoice's due date (the terms it is mailed with; never before the issue date, never removed), and
-- a credit note has none (it owes nothing), so one issued with a due date may lose it.
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
    NEW.po_number IS DISTINCT FROM OLD.po_number OR NEW.note IS DISTINCT FROM OLD.note
  ) THEN
    RAISE EXCEPTION 'issued invoice % cannot change', OLD.number USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Credit notes were issued with the credited customer's payment terms as a due date: they owe nothing.
UPDATE invoices SET due_date = NULL WHERE kind = 'credit_note' AND due_date IS NOT NULL;
-- hand-written: end
