-- The volunteer points ledger is append-only: corrections are new adjustment rows, never edits.
CREATE OR REPLACE FUNCTION garden_points_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'garden_points_ledger is append-only' USING ERRCODE = 'P0001', HINT = 'garden_points_append_only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER garden_points_ledger_no_update_delete BEFORE UPDATE OR DELETE ON "garden_points_ledger" FOR EACH ROW EXECUTE FUNCTION garden_points_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER garden_points_ledger_no_truncate BEFORE TRUNCATE ON "garden_points_ledger" FOR EACH STATEMENT EXECUTE FUNCTION garden_points_ledger_append_only();
