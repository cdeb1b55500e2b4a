-- Consent records (who approved, declined or disputed which estimate lines) are evidence, like the
-- audit log: the database refuses to change or delete them.
CREATE TRIGGER estimate_decisions_no_update BEFORE UPDATE OR DELETE ON estimate_decisions
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER estimate_versions_no_update BEFORE UPDATE OR DELETE ON estimate_versions
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
