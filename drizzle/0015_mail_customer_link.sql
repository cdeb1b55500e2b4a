ALTER TABLE "mail_messages" ADD COLUMN "link_token_hash" text;--> statement-breakpoint
-- Mails queued before this column named their link only in the body: take the body's first /e/, /b/,
-- /x/ or /pay/ token and keep it where it is a link Pitlane issued (tokens are stored as SHA-256).
UPDATE "mail_messages" m SET "link_token_hash" = l."token_hash"
FROM "customer_links" l
WHERE m."text_body" ~ '/(pay|b|e|x)/[A-Za-z0-9_-]{16,}'
  AND l."token_hash" = encode(sha256(convert_to(substring(m."text_body" from '/(?:pay|b|e|x)/([A-Za-z0-9_-]{16,})'), 'UTF8')), 'hex');
