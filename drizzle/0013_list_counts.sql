CREATE TABLE "list_count_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"location_id" text NOT NULL,
	"list" text NOT NULL,
	"customer_id" text NOT NULL,
	"bucket" text NOT NULL,
	"delta" bigint NOT NULL,
	"compacted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "list_count_deltas_key_idx" ON "list_count_deltas" USING btree ("location_id","list","customer_id","bucket","delta");--> statement-breakpoint
CREATE INDEX "list_count_deltas_dirty_idx" ON "list_count_deltas" USING btree ("location_id","list","customer_id","bucket") WHERE not "list_count_deltas"."compacted";
--> statement-breakpoint
-- The key a row counts under in its list: location, customer ('' for lists a portal never sees),
-- bucket. A list's filters are sums over buckets (db/queries/list-counts.ts): statuses, a customer's
-- type, an invoice's case state (kind, status, open or settled, vehicle here or delivered, booked).
CREATE FUNCTION list_count_key(list text, r jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[
    r->>'location_id',
    CASE WHEN list IN ('customers', 'mail_messages') THEN '' ELSE coalesce(r->>'customer_id', '') END,
    CASE list
      WHEN 'customers' THEN r->>'type'
      WHEN 'units' THEN ''
      WHEN 'mail_messages' THEN ''
      WHEN 'invoices' THEN concat_ws(':', r->>'kind', r->>'status',
        CASE WHEN coalesce((r->>'open_amount')::bigint, 0) > 0 THEN 'open' ELSE 'settled' END,
        CASE WHEN r->>'delivered_at' IS NULL THEN 'here' ELSE 'delivered' END,
        CASE WHEN r->>'booked_at' IS NULL THEN 'unbooked' ELSE 'booked' END)
      ELSE r->>'status'
    END]
$$;
--> statement-breakpoint
-- What an invoice adds to the open total: its open amount while it is an issued invoice.
CREATE FUNCTION open_of(i invoices) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN i.kind = 'invoice' AND i.status = 'issued' AND i.open_amount > 0 THEN i.open_amount::bigint ELSE 0 END
$$;
--> statement-breakpoint
-- -1 for the key a row leaves, +1 for the key it enters, at the location and at its customer.
CREATE FUNCTION count_list_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was text[];
  now_in text[];
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN was := list_count_key(TG_TABLE_NAME, to_jsonb(OLD)); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN now_in := list_count_key(TG_TABLE_NAME, to_jsonb(NEW)); END IF;
  IF TG_TABLE_NAME = 'invoices' THEN
    -- The dashboard's open total: the open amount of issued invoices, kept as a sum the same way.
    INSERT INTO list_count_deltas (location_id, list, customer_id, bucket, delta)
    SELECT v.loc, 'invoices.open_amount', cs.c, '', v.d
    FROM (VALUES (
      coalesce(NEW.location_id, OLD.location_id),
      coalesce(NEW.customer_id, OLD.customer_id),
      coalesce(open_of(NEW), 0) - coalesce(open_of(OLD), 0)
    )) AS v(loc, customer, d)
    CROSS JOIN LATERAL (SELECT DISTINCT unnest(ARRAY['', v.customer]) AS c) AS cs
    WHERE v.d <> 0;
  END IF;
  IF was IS NOT DISTINCT FROM now_in THEN RETURN NULL; END IF;
  INSERT INTO list_count_deltas (location_id, list, customer_id, bucket, delta)
  SELECT v.k[1], TG_TABLE_NAME, cs.c, v.k[3], v.d
  FROM (VALUES (was, -1), (now_in, 1)) AS v(k, d)
  CROSS JOIN LATERAL (SELECT DISTINCT unnest(ARRAY['', v.k[2]]) AS c) AS cs
  -- Mail sent outside any location (none is listed) is not counted.
  WHERE v.k IS NOT NULL AND v.k[1] IS NOT NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER customers_counted AFTER INSERT OR DELETE OR UPDATE OF type, location_id ON customers
  FOR EACH ROW EXECUTE FUNCTION count_list_rows();
--> statement-breakpoint
CREATE TRIGGER units_counted AFTER INSERT OR DELETE OR UPDATE OF customer_id, location_id ON units
  FOR EACH ROW EXECUTE FUNCTION count_list_rows();
--> statement-breakpoint
CREATE TRIGGER booking_requests_counted AFTER INSERT OR DELETE OR UPDATE OF status, customer_id, location_id
  ON booking_requests FOR EACH ROW EXECUTE FUNCTION count_list_rows();
--> statement-breakpoint
CREATE TRIGGER estimates_counted AFTER INSERT OR DELETE OR UPDATE OF status, customer_id, location_id
  ON estimates FOR EACH ROW EXECUTE FUNCTION count_list_rows();
--> statement-breakpoint
CREATE TRIGGER work_orders_counted AFTER INSERT OR DELETE OR UPDATE OF status, customer_id, location_id
  ON work_orders FOR EACH ROW EXECUTE FUNCTION count_list_rows();
--> statement-breakpoint
CREATE TRIGGER invoices_counted AFTER INSERT OR DELETE
  OR UPDATE OF kind, status, open_amount, delivered_at, booked_at, customer_id, location_id
  ON invoices FOR EACH ROW EXECUTE FUNCTION count_list_rows();
--> statement-breakpoint
CREATE TRIGGER mail_messages_counted AFTER INSERT OR DELETE ON mail_messages
  FOR EACH ROW EXECUTE FUNCTION count_list_rows();
--> statement-breakpoint
-- Folds each key's new deltas (and its folded row) into one folded row. Rows committed while it
-- runs are not in its snapshot and wait for the next run; each row is summed exactly once.
CREATE FUNCTION compact_list_counts() RETURNS integer LANGUAGE sql AS $$
  WITH dirty AS (
    SELECT DISTINCT location_id, list, customer_id, bucket FROM list_count_deltas WHERE NOT compacted
  ), moved AS (
    DELETE FROM list_count_deltas d USING dirty k
    WHERE d.location_id = k.location_id AND d.list = k.list AND d.customer_id = k.customer_id
      AND d.bucket = k.bucket
    RETURNING d.location_id, d.list, d.customer_id, d.bucket, d.delta
  ), folded AS (
    INSERT INTO list_count_deltas (location_id, list, customer_id, bucket, delta, compacted)
    SELECT location_id, list, customer_id, bucket, sum(delta), true FROM moved
    GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0
    RETURNING 1
  )
  SELECT count(*)::int FROM folded
$$;
--> statement-breakpoint
-- Counts every listed table afresh (after a bulk load, or to repair): the same keys as the trigger.
CREATE FUNCTION rebuild_list_counts() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t text;
BEGIN
  LOCK TABLE list_count_deltas IN EXCLUSIVE MODE;
  DELETE FROM list_count_deltas;
  FOREACH t IN ARRAY ARRAY['customers', 'units', 'booking_requests', 'estimates', 'work_orders', 'invoices', 'mail_messages'] LOOP
    EXECUTE format($f$
      INSERT INTO list_count_deltas (location_id, list, customer_id, bucket, delta, compacted)
      SELECT x.k[1], %L, cs.c, x.k[3], count(*), true
      FROM %I r
      CROSS JOIN LATERAL (SELECT list_count_key(%L, to_jsonb(r)) AS k) x
      CROSS JOIN LATERAL (SELECT DISTINCT unnest(ARRAY['', x.k[2]]) AS c) cs
      WHERE x.k[1] IS NOT NULL
      GROUP BY x.k[1], cs.c, x.k[3]$f$, t, t, t);
  END LOOP;
  INSERT INTO list_count_deltas (location_id, list, customer_id, bucket, delta, compacted)
  SELECT i.location_id, 'invoices.open_amount', cs.c, '', sum(open_of(i)), true
  FROM invoices i
  CROSS JOIN LATERAL (SELECT DISTINCT unnest(ARRAY['', i.customer_id]) AS c) cs
  GROUP BY i.location_id, cs.c
  HAVING sum(open_of(i)) <> 0;
END;
$$;
--> statement-breakpoint
SELECT rebuild_list_counts();
