DROP INDEX "booking_requests_scope_idx";--> statement-breakpoint
DROP INDEX "customers_scope_idx";--> statement-breakpoint
DROP INDEX "estimates_scope_idx";--> statement-breakpoint
DROP INDEX "mail_messages_scope_idx";--> statement-breakpoint
DROP INDEX "units_scope_idx";--> statement-breakpoint
DROP INDEX "work_items_board_idx";--> statement-breakpoint
DROP INDEX "work_orders_board_idx";--> statement-breakpoint
DROP INDEX "booking_requests_customer_idx";--> statement-breakpoint
DROP INDEX "notifications_recipient_idx";--> statement-breakpoint
DROP INDEX "order_extensions_customer_idx";--> statement-breakpoint
DROP INDEX "unit_readings_unit_idx";--> statement-breakpoint
DROP INDEX "units_customer_idx";--> statement-breakpoint
DROP INDEX "work_orders_customer_idx";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(coalesce("customers"."display_name", '') || chr(10) || coalesce(coalesce("customers"."first_name", '') || ' ' || coalesce("customers"."last_name", ''), '') || chr(10) || coalesce("customers"."company_name", '') || chr(10) || coalesce("customers"."email", '') || chr(10) || coalesce("customers"."phone", '') || chr(10) || coalesce("customers"."city", ''))) STORED;--> statement-breakpoint
ALTER TABLE "estimates" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(coalesce("estimates"."number", '') || chr(10) || coalesce("estimates"."po_number", ''))) STORED;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(coalesce("units"."plate", '') || chr(10) || coalesce("units"."fleet_number", '') || chr(10) || coalesce("units"."vin", '') || chr(10) || coalesce("units"."make", '') || chr(10) || coalesce("units"."model", ''))) STORED;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "job_id" text;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "waiting" boolean GENERATED ALWAYS AS ("work_items"."status" = 'required' and "work_items"."job_id" is null) STORED;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(coalesce("work_orders"."number", '') || chr(10) || coalesce("work_orders"."po_number", ''))) STORED;--> statement-breakpoint
CREATE INDEX "booking_requests_list_idx" ON "booking_requests" USING btree ("organisation_id","location_id",(case when "status" in ('new', 'awaiting_customer', 'awaiting_shop') then 0 else 1 end),"proposed_date","proposed_time","id","status");--> statement-breakpoint
CREATE INDEX "booking_requests_status_idx" ON "booking_requests" USING btree ("organisation_id","location_id","status","proposed_date","proposed_time","id");--> statement-breakpoint
CREATE INDEX "booking_requests_unit_idx" ON "booking_requests" USING btree ("unit_id","proposed_date","proposed_time","id","status","organisation_id","location_id");--> statement-breakpoint
CREATE INDEX "customers_list_idx" ON "customers" USING btree ("organisation_id","location_id","display_name","id");--> statement-breakpoint
CREATE INDEX "customers_type_idx" ON "customers" USING btree ("organisation_id","location_id","type","display_name","id");--> statement-breakpoint
CREATE INDEX "customers_search_trgm" ON "customers" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_display_name_trgm" ON "customers" USING gin ("display_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "estimates_list_idx" ON "estimates" USING btree ("organisation_id","location_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "estimates_status_idx" ON "estimates" USING btree ("organisation_id","location_id","status","updated_at","id");--> statement-breakpoint
CREATE INDEX "estimates_customer_idx" ON "estimates" USING btree ("customer_id",("status" = 'awaiting_customer'),"updated_at","id","status","organisation_id","location_id");--> statement-breakpoint
CREATE INDEX "estimates_unit_idx" ON "estimates" USING btree ("unit_id","updated_at","id","status","organisation_id","location_id");--> statement-breakpoint
CREATE INDEX "estimates_search_trgm" ON "estimates" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "mail_messages_list_idx" ON "mail_messages" USING btree ("organisation_id","location_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("recipient_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "units_list_idx" ON "units" USING btree ("organisation_id","location_id","plate","id");--> statement-breakpoint
CREATE INDEX "units_search_trgm" ON "units" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "units_plate_trgm" ON "units" USING gin ("plate" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "units_fleet_number_trgm" ON "units" USING gin ("fleet_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "work_items_waiting_idx" ON "work_items" USING btree ("organisation_id","location_id","created_at") WHERE "work_items"."waiting";--> statement-breakpoint
CREATE INDEX "work_orders_list_idx" ON "work_orders" USING btree ("organisation_id","location_id","opened_at","id");--> statement-breakpoint
CREATE INDEX "work_orders_status_idx" ON "work_orders" USING btree ("organisation_id","location_id","status","opened_at","id");--> statement-breakpoint
CREATE INDEX "work_orders_customer_status_idx" ON "work_orders" USING btree ("customer_id","status","opened_at","id","organisation_id","location_id");--> statement-breakpoint
CREATE INDEX "work_orders_unit_idx" ON "work_orders" USING btree ("unit_id","opened_at","id","status","organisation_id","location_id");--> statement-breakpoint
CREATE INDEX "work_orders_search_trgm" ON "work_orders" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "booking_requests_customer_idx" ON "booking_requests" USING btree ("customer_id",(case when "status" in ('new', 'awaiting_customer', 'awaiting_shop') then 0 else 1 end),"proposed_date","proposed_time","id","status","organisation_id","location_id");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_id","created_at","id");--> statement-breakpoint
CREATE INDEX "order_extensions_customer_idx" ON "order_extensions" USING btree ("customer_id",("status" = 'sent'),"created_at","id","status");--> statement-breakpoint
CREATE INDEX "unit_readings_unit_idx" ON "unit_readings" USING btree ("unit_id","read_at","created_at");--> statement-breakpoint
CREATE INDEX "units_customer_idx" ON "units" USING btree ("customer_id","plate","id","organisation_id","location_id");--> statement-breakpoint
CREATE INDEX "work_orders_customer_idx" ON "work_orders" USING btree ("customer_id","opened_at","id","status","organisation_id","location_id");--> statement-breakpoint
-- work_items.job_id projects jobs.work_item_id: fill it for the work already on work orders.
UPDATE "work_items" SET "job_id" = "jobs"."id" FROM "jobs" WHERE "jobs"."work_item_id" = "work_items"."id";
