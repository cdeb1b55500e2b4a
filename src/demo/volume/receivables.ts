// Receivables for the large shop (issue #15): the reminders years of dunning leave — every invoice
// still open past its due date has the levels its age reached (the last one waiting for review),
// and one in ten of the paid ones was reminded once before it was paid — and a bank statement whose
// credits nobody's invoice matched, waiting in the accountant's queue. Without them the dunning and
// bank lists would be benchmarked empty.
import type { SeedContext, SqlNames } from "./context";

export function receivables(_ctx: SeedContext, q: SqlNames): string[] {
  const today = q.day(q.now);
  return [
    `insert into dunning_notices (id, organisation_id, location_id, invoice_id, customer_id, level, status,
       due_on, currency, principal, total, sent_at, sent_to, created_at)
     select 'dun_' || substr(md5(i.id || ':' || l.level), 1, 24), i.organisation_id, i.location_id, i.id,
       i.customer_id, l.level,
       case when i.open_amount > 0 and l.level = 3 then 'review' else 'sent' end,
       to_char(i.due_date::date + l.days, 'YYYY-MM-DD'), i.currency, (i.totals->>'gross')::int,
       (i.totals->>'gross')::int,
       case when i.open_amount > 0 and l.level = 3 then null
            else (i.due_date::date + l.days)::timestamp at time zone 'Europe/Berlin' + interval '6 hours' end,
       c.email, (i.due_date::date + l.days)::timestamp at time zone 'Europe/Berlin' + interval '6 hours'
     from invoices i
     join customers c on c.id = i.customer_id
     cross join (values (1, 7), (2, 21), (3, 35)) as l(level, days)
     where i.location_id = ${q.loc} and i.kind = 'invoice' and i.status = 'issued' and i.due_date is not null
       and to_char(i.due_date::date + l.days, 'YYYY-MM-DD') <= ${today}
       and (i.open_amount > 0 or (l.level = 1 and abs(hashtext(i.id)) % 10 = 0))`,
    // The invoices' projected level and last reminder, as the run writes them (sent levels only).
    `update invoices i set dunning_level = n.level, last_reminded_at = n.sent_at
     from (select distinct on (invoice_id) invoice_id, level, sent_at from dunning_notices
           where location_id = ${q.loc} and status = 'sent' order by invoice_id, level desc) n
     where n.invoice_id = i.id`,
    `insert into bank_statements (id, organisation_id, location_id, format, file_name, reference, account,
       from_date, to_date, sha256, entry_count, matched_count, unmatched_count, skipped_count, created_at)
     values ('bst_volume0000000000000000', ${q.org}, ${q.loc}, 'camt053', 'volume.xml', 'VOLUME-1',
       'DE89370400440532013000', ${today}, ${today}, md5('volume'), 400, 0, 400, 0, ${q.now})`,
    `insert into bank_statement_entries (id, organisation_id, location_id, statement_id, entry_key, booking_date,
       amount, currency, direction, payer_name, remittance, status, reason, created_at)
     select 'bse_volume' || lpad(g::text, 16, '0'), ${q.org}, ${q.loc}, 'bst_volume0000000000000000',
       'volume:' || g, to_char(${q.now} - g * interval '1 day', 'YYYY-MM-DD'), 1000 + g * 7, 'EUR', 'credit',
       'Payer ' || g, 'Transfer ' || g, 'unmatched', 'no_match', ${q.now}
     from generate_series(1, 400) g`,
  ];
}
