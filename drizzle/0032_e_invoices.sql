ALTER TABLE "customers" ADD COLUMN "e_invoice_format" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "buyer_reference" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "e_invoice_address" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "tax_number" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "e_invoice_address" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "e_invoice_default" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_e_invoice_format_check" CHECK ("customers"."e_invoice_format" in ('none', 'zugferd', 'xrechnung_cii', 'xrechnung_ubl'));--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_e_invoice_default_check" CHECK ("locations"."e_invoice_default" in ('none', 'zugferd', 'xrechnung_cii', 'xrechnung_ubl'));