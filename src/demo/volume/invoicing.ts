// Invoices and money: an invoice for every invoiced work order (its frozen billing), counter sales
// and DMS invoices without one, credit notes, and the ledger of payments and refunds with the
// provider's checkouts and events. Each invoice follows a way of paying — at the counter on pick-up,
// online after the mailed link, on account, partly, or not at all — whose steps are dated from its
// issue; steps that would fall after "now" have not happened yet. That alone gives the recent
// invoices their open, paid-waiting-for-pick-up and delivered-unpaid states, and the old ones their
// overdue tail.
import { invoicePayments, invoices, paymentSessions, providerEvents } from "../../db/schema";
import type { SeedContext, SqlNames } from "./context";
import { shop } from "./people";
import { insertSelect, jsonLit } from "./sql";

export function invoiceWork(ctx: SeedContext, q: SqlNames): string[] {
  const { invoices: total, creditNotes, fleets, units } = ctx.counts;
  return [
    `create temp table _inv0 on commit drop as
    select 'w' || w.n as key, 'work_order' as source, w.cust_n, w.unit_n, w.wo_id, w.n as visit_n, w.adv,
      w.invoiced_at as created_at,
      -- The last few invoiced orders still wait as drafts for someone to press Issue.
      case when w.r >= 110 then w.invoiced_at + interval '5 minutes' end as issued_at,
      ${q.day("w.invoiced_at")} as service_date,
      case when w.partial then b.partial_invoice_lines else b.invoice_lines end as lines,
      case when w.partial then b.partial_billing->'totals' else b.billing->'totals' end as totals,
      case when w.requires_auth then 'PO-' || extract(year from w.t)::int || '-' || lpad(w.n::text, 6, '0') end as po_number
    from _wo w join _basket b on b.b = w.b where w.wo_status = 'invoiced'`,
    `insert into _inv0
    select 'm' || k, case when pg_temp.u('msrc' || k) < 0.1 then 'api' else 'manual' end,
      case when s.fleet_only then 1 + pg_temp.pick('mf' || k, ${fleets}) else u.cust_n end,
      case when s.with_unit and not s.fleet_only then u.m end,
      null, null, pg_temp.advisor('mad' || k),
      x.at,
      case when x.at > ${q.now} - interval '20 days' and pg_temp.u('mdr' || k) < 0.05 then null else x.at + interval '3 minutes' end,
      ${q.day("x.at")}, s.lines, s.totals, null
    from generate_series(1, ${total} - ${creditNotes} - (select count(*)::int from _inv0)) k
    cross join lateral (select pg_temp.at(pg_temp.u('mt' || k) * (select total from _axis)) as at) x
    join _sale s on s.m = pg_temp.pick('ms' || k, ${ctx.sales.length})
    join _unit u on u.m = 1 + pg_temp.pick('mu' || k, ${units})`,
    // How each issued invoice gets paid, from the customer's kind, and when each step would happen.
    `create temp table _plan on commit drop as
    select i.*, pg_temp.sid('inv', i.key) as id, (i.totals->>'gross')::int as gross,
      c.segment, c.email, c.terms, c.display_name, c.person, c.id as customer_id,
      case
        when i.issued_at is null then 'draft'
        when c.segment = 'fleet' then case when f.u < 0.9 then 'on_account' when f.u < 0.98 then 'online' else 'unpaid' end
        when c.segment = 'business' then case when c.pay_on_account and f.u < 0.8 then 'on_account'
          when f.u < 0.3 or c.email is null then 'counter' when f.u < 0.93 then 'online' when f.u < 0.97 then 'unpaid' else 'partial' end
        else case when f.u < 0.65 or (c.email is null and f.u < 0.96) then 'counter'
          when f.u < 0.96 then 'online' when f.u < 0.98 then 'unpaid' else 'partial' end
      end as flow,
      pg_temp.u('i2' || i.key) as u2, pg_temp.u('i3' || i.key) as u3, pg_temp.u('i4' || i.key) as u4,
      pg_temp.u('i5' || i.key) as u5, pg_temp.u('i6' || i.key) as u6
    from _inv0 i join _cust c on c.n = i.cust_n
    cross join lateral (select pg_temp.u('i1' || i.key) as u) f`,
    `create temp table _planned on commit drop as
    select p.*,
      case when p.email is not null and (p.flow in ('online', 'on_account') or (p.flow in ('unpaid', 'counter') and p.u2 < 0.3))
        then p.issued_at + interval '3 minutes' end as sent_plan,
      case p.flow
        when 'online' then p.issued_at + interval '33 minutes' + make_interval(secs => p.u4 * p.u4 * 864000)
        when 'on_account' then p.issued_at + interval '5 days' + make_interval(secs => p.u4 * 2592000)
      end as online_paid_plan,
      case when p.flow in ('counter', 'partial', 'on_account', 'unpaid') then p.issued_at + interval '1 hour' + make_interval(secs => p.u3 * 108000) end as handover_plan
    from _plan p`,
    `create temp table _flow on commit drop as
    with steps as (
      select p.*,
        -- Paid online from home; the car is collected later (hours, or days for a second car).
        case when p.flow in ('online') then p.online_paid_plan + interval '2 hours' + make_interval(secs => p.u3 * p.u3 * 259200)
          else p.handover_plan end as delivered_plan,
        case when p.flow in ('online', 'on_account') then p.online_paid_plan
          when p.flow in ('counter', 'partial') then p.handover_plan - interval '2 minutes' end as paid_plan
      from _planned p
    ), happened as (
      select s.*,
        case when s.sent_plan <= ${q.now} then s.sent_plan end as sent_at,
        case when s.delivered_plan <= ${q.now} then s.delivered_plan end as delivered_at,
        case when s.paid_plan <= ${q.now} then s.paid_plan end as paid_at
      from steps s
    )
    select h.*,
      case when h.paid_at is not null and h.paid_at + interval '1 day' + make_interval(secs => h.u5 * 345600) <= ${q.now}
        then h.paid_at + interval '1 day' + make_interval(secs => h.u5 * 345600) end as booked_at,
      case when h.flow = 'partial' then greatest(1, round(h.gross * (0.3 + 0.4 * h.u6)))::int else h.gross end as paid_amount,
      case h.flow when 'counter' then case when h.u6 < 0.7 then 'card_terminal' else 'cash' end
        when 'partial' then 'cash' when 'on_account' then 'instant_transfer'
        else case when h.u6 < 0.6 then 'card' when h.u6 < 0.85 then 'paypal' else 'instant_transfer' end end as method,
      case when h.flow in ('online', 'on_account') then 'sandbox' else 'pos' end as pay_source,
      pg_temp.sid('pss', 's' || h.key) as session_id
    from happened h`,
    "create unique index on _flow (key)",
    "analyze _flow",
    // Credit notes: a fiftieth of the paid invoices older than six weeks, in full (a cancellation) or
    // in part (goodwill, the largest that stays under half the invoice); the money goes back the way
    // it came.
    `create temp table _cn on commit drop as
    with chosen as (
      select f.*, row_number() over (order by pg_temp.h('cn' || f.key)) as k
      from _flow f
      where f.issued_at is not null and f.paid_at is not null and f.flow in ('counter', 'online', 'on_account')
        and f.issued_at < ${q.now} - interval '40 days'
      order by pg_temp.h('cn' || f.key) limit ${creditNotes}
    )
    select c.key as invoice_key, c.id as invoice_id, c.cust_n, c.unit_n, c.customer_id, c.service_date, c.po_number, c.adv,
      c.terms, c.pay_source, c.session_id, c.method, c.lines as invoice_lines, c.totals as invoice_totals,
      'c' || c.k as key, pg_temp.sid('inv', 'c' || c.k) as id,
      least(${q.now} - interval '1 day', c.paid_at + interval '2 days' + make_interval(secs => pg_temp.u('cnt' || c.k) * 1728000)) as at,
      g.g is null or pg_temp.u('cnf' || c.k) < 0.5 as full_credit, g.lines as goodwill_lines, g.totals as goodwill_totals
    from chosen c
    left join lateral (
      select * from _goodwill g where (g.totals->>'gross')::int * 2 <= c.gross order by g.g desc limit 1
    ) g on true`,
    `create temp table _cn2 on commit drop as
    select c.*, case when c.full_credit then c.invoice_lines else c.goodwill_lines end as lines,
      case when c.full_credit then c.invoice_totals else c.goodwill_totals end as totals
    from _cn c`,
    // INV-<year>-<seq> and CN-<year>-<seq>: gapless per year in the order they were issued.
    `create temp table _inv_no on commit drop as
    select key, 'INV-' || y || '-' || lpad(row_number() over (partition by y order by issued_at, key)::text, 6, '0') as number
    from (select key, issued_at, extract(year from ${q.local("issued_at")})::int as y from _flow where issued_at is not null) x
    union all
    select key, 'CN-' || y || '-' || lpad(row_number() over (partition by y order by at, key)::text, 6, '0')
    from (select key, at, extract(year from ${q.local("at")})::int as y from _cn2) x`,
    "create unique index on _inv_no (key)",
  ];
}

export function invoiceRows(_ctx: SeedContext, q: SqlNames): string[] {
  const tenancy = { organisationId: q.org, locationId: q.loc };
  const l = shop.location;
  const seller = jsonLit({
    legalName: l.legalName,
    street: l.street,
    postalCode: l.postalCode,
    city: l.city,
    country: l.country,
    vatId: l.vatId,
    registerCourt: l.registerCourt,
    registerNumber: l.registerNumber,
    managingDirectors: l.managingDirectors,
    iban: l.iban,
    bic: l.bic,
    email: l.email,
    phone: l.phone,
  });
  // The buyer as partiesOf freezes it at issue.
  const buyer = `jsonb_build_object('name', c.display_name, 'street', c.street, 'postalCode', c.postal_code, 'city', c.city,
    'country', 'DE', 'vatId', c.vat_id, 'email', c.email, 'language', c.language)`;
  const cashier = (key: string) =>
    `(${q.accounting.ids})[1 + pg_temp.pick('cash' || ${key}, ${q.accounting.count})]`;
  const uuid = (key: string) =>
    `(substr(md5(${key}), 1, 8) || '-' || substr(md5(${key}), 9, 4) || '-4' || substr(md5(${key}), 14, 3) || '-a' || substr(md5(${key}), 18, 3) || '-' || substr(md5(${key}), 21, 12))`;
  return [
    insertSelect(
      invoices,
      {
        id: "f.id",
        ...tenancy,
        kind: "'invoice'",
        number: "no.number",
        status: "case when f.issued_at is null then 'draft' else 'issued' end",
        source: "f.source",
        customerId: "f.customer_id",
        unitId: "u.id",
        workOrderId: "f.wo_id",
        currency: "'EUR'",
        lines: "f.lines",
        totals: "f.totals",
        serviceDate: "f.service_date",
        issueDate: `case when f.issued_at is not null then ${q.day("f.issued_at")} end`,
        dueDate: `case when f.issued_at is not null then to_char(${q.local("f.issued_at")}::date + f.terms, 'YYYY-MM-DD') end`,
        poNumber: "f.po_number",
        parties: `case when f.issued_at is not null then jsonb_build_object('seller', ${seller}, 'buyer', ${buyer}) end`,
        issuedAt: "f.issued_at",
        issuedById: `case when f.issued_at is not null then (${q.advisors.ids})[f.adv] end`,
        sentAt: "f.sent_at",
        sentTo: "case when f.sent_at is not null then f.email end",
        sentById: `case when f.sent_at is not null then (${q.advisors.ids})[f.adv] end`,
        deliveredAt: "f.delivered_at",
        deliveredById: `case when f.delivered_at is not null then ${cashier("f.key")} end`,
        deliveredTo: "case when f.delivered_at is not null then coalesce(f.person, f.display_name) end",
        bookedAt: "f.booked_at",
        bookedById: `case when f.booked_at is not null then (${q.accounting.ids})[1] end`,
        version: "case when f.issued_at is null then 1 else 2 end",
        createdAt: "f.created_at",
        updatedAt: "greatest(f.created_at, f.issued_at, f.sent_at, f.delivered_at, f.booked_at)",
      },
      "from _flow f left join _inv_no no on no.key = f.key join _cust c on c.n = f.cust_n left join _unit u on u.m = f.unit_n order by f.created_at, f.key",
    ),
    insertSelect(
      invoices,
      {
        id: "n.id",
        ...tenancy,
        kind: "'credit_note'",
        number: "no.number",
        status: "'issued'",
        source: "'manual'",
        customerId: "n.customer_id",
        unitId: "u.id",
        creditedInvoiceId: "n.invoice_id",
        currency: "'EUR'",
        lines: "n.lines",
        totals: "n.totals",
        serviceDate: "n.service_date",
        issueDate: q.day("n.at"),
        // A credit note owes nothing: no due date (as app/invoices issues it).
        dueDate: "null",
        note: "case when n.full_credit then 'Storno: Rechnung an die falsche Anschrift gestellt.' else 'Kulanz nach Reklamation.' end",
        poNumber: "n.po_number",
        parties: `jsonb_build_object('seller', ${seller}, 'buyer', ${buyer})`,
        issuedAt: "n.at",
        issuedById: `(${q.advisors.ids})[n.adv]`,
        version: "2",
        createdAt: "n.at",
        updatedAt: "n.at",
      },
      "from _cn2 n join _inv_no no on no.key = n.key join _cust c on c.n = n.cust_n left join _unit u on u.m = n.unit_n order by n.at",
    ),
    // Checkouts on the payment page: the paid one, and before it now and then a declined card.
    insertSelect(
      paymentSessions,
      {
        id: "s.id",
        ...tenancy,
        invoiceId: "f.id",
        provider: "'sandbox'",
        providerSessionId: "'sbx_cs_' || substr(s.id, 5)",
        method: "s.method",
        amount: "f.paid_amount",
        currency: "'EUR'",
        status: "s.status",
        failureMessage: "case when s.status = 'failed' then 'Your card was declined.' end",
        failureCode: "case when s.status = 'failed' then 'card_declined' end",
        returnUrl: `${q.publicUrl} || '/pay/seeded'`,
        checkoutUrl: `${q.publicUrl} || '/sandbox/checkout/sbx_cs_' || substr(s.id, 5)`,
        createdAt: "s.at",
      },
      `from _flow f cross join lateral (
        select f.session_id as id, f.method, 'paid' as status, f.paid_at - interval '3 minutes' as at
        union all
        select pg_temp.sid('pss', 'sf' || f.key), 'card', 'failed', f.paid_at - interval '12 minutes'
        where f.method = 'card' and pg_temp.u('sf' || f.key) < 0.05
      ) s
      where f.pay_source = 'sandbox' and f.paid_at is not null order by s.at`,
    ),
    insertSelect(
      invoicePayments,
      {
        id: "pg_temp.sid('pay', 'p' || f.key)",
        ...tenancy,
        invoiceId: "f.id",
        kind: "'payment'",
        amount: "f.paid_amount",
        currency: "'EUR'",
        method: "f.method",
        source: "f.pay_source",
        reference: `case when f.pay_source = 'sandbox' then 'pay_sbx_' || f.session_id
          when f.method = 'card_terminal' then 'Beleg ' || lpad((pg_temp.h('beleg' || f.key) & 65535)::text, 5, '0') end`,
        recordedById: `case when f.pay_source = 'pos' then ${cashier("f.key")} end`,
        createdAt: "f.paid_at",
      },
      "from _flow f where f.paid_at is not null order by f.paid_at",
    ),
    insertSelect(
      invoicePayments,
      {
        id: "pg_temp.sid('pay', 'r' || n.key)",
        ...tenancy,
        invoiceId: "n.invoice_id",
        kind: "'refund'",
        amount: "(n.totals->>'gross')::int",
        currency: "'EUR'",
        method: "case when n.pay_source = 'pos' then 'cash' else n.method end",
        source: "n.pay_source",
        reference:
          "case when n.pay_source = 'sandbox' then 'pay_sbx_' || n.session_id || ':' || (n.totals->>'gross') end",
        recordedById: `case when n.pay_source = 'pos' then ${cashier("n.key")} end`,
        createdAt: "n.at + interval '1 hour'",
      },
      "from _cn2 n order by n.at",
    ),
    // Every provider event was stored once under its id, with the payload and what it meant.
    insertSelect(
      providerEvents,
      {
        provider: "'sandbox'",
        eventId: "'evt_sbx_' || e.uuid",
        type: "e.type",
        organisationId: q.org,
        invoiceId: "e.invoice_id",
        outcome: "e.outcome",
        detail: "e.detail",
        payload: `jsonb_build_object(
          'raw', jsonb_build_object('id', 'evt_sbx_' || e.uuid, 'type', e.type, 'created', extract(epoch from e.at)::bigint, 'data', e.data),
          'event', e.event)`,
        receivedAt: "e.at",
      },
      `from (
        select ${uuid("'ev' || f.key")} as uuid, 'checkout.succeeded' as type, f.id as invoice_id, 'recorded' as outcome,
          null::text as detail, f.paid_at as at,
          jsonb_build_object('sessionId', 'sbx_cs_' || substr(f.session_id, 5), 'reference', 'pay_sbx_' || f.session_id,
            'amount', f.paid_amount, 'currency', 'EUR', 'method', f.method) as data,
          jsonb_build_object('kind', 'payment_succeeded', 'eventId', 'evt_sbx_' || ${uuid("'ev' || f.key")}, 'type', 'checkout.succeeded',
            'sessionId', 'sbx_cs_' || substr(f.session_id, 5), 'reference', 'pay_sbx_' || f.session_id,
            'amount', f.paid_amount, 'currency', 'EUR', 'method', f.method) as event
        from _flow f where f.pay_source = 'sandbox' and f.paid_at is not null
        union all
        select ${uuid("'rf' || n.key")}, 'charge.refunded', n.invoice_id, 'recorded', null, n.at + interval '1 hour',
          jsonb_build_object('sessionId', 'sbx_cs_' || substr(n.session_id, 5), 'reference', 'pay_sbx_' || n.session_id,
            'amount', (n.totals->>'gross')::int, 'currency', 'EUR', 'method', n.method, 'refundedTotal', (n.totals->>'gross')::int),
          jsonb_build_object('kind', 'refunded', 'eventId', 'evt_sbx_' || ${uuid("'rf' || n.key")}, 'type', 'charge.refunded',
            'reference', 'pay_sbx_' || n.session_id, 'refundedTotal', (n.totals->>'gross')::int, 'currency', 'EUR')
        from _cn2 n where n.pay_source = 'sandbox'
      ) e order by e.at`,
    ),
  ];
}
