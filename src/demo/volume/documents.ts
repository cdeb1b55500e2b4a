// The shop's records, from the work tables: customers and their units with readings, booking
// requests, estimates (lines, versions, consent records, work from the decisions), work orders (jobs,
// parts, time) and order extensions. Set-based INSERT … SELECT throughout.
import {
  auditEvents,
  bookingRequests,
  customers,
  estimateDecisions,
  estimateLines,
  estimates,
  estimateVersions,
  extensionDecisions,
  jobParts,
  jobs,
  orderExtensions,
  portalAccounts,
  recommendationParts,
  recommendations,
  timeEntries,
  unitReadings,
  units,
  workItems,
  workOrders,
} from "../../db/schema";
import type { SeedContext, SqlNames } from "./context";
import { loginDomain } from "./people";
import { insertSelect, lit } from "./sql";
import { currentVisits } from "./worktables";

/** Helpers that pick staff: the first advisor (advisor@large.test) handles two in five visits. */
export function staffFunctions(q: SqlNames): string[] {
  return [
    `create or replace function pg_temp.advisor(k text) returns int language sql immutable as $$
      select case when pg_temp.u(k) < 0.4 then 1 else 2 + pg_temp.pick(k || '*', ${q.advisors.count - 1}) end
    $$`,
  ];
}

export function customersAndUnits(ctx: SeedContext, q: SqlNames): string[] {
  const tenancy = { organisationId: q.org, locationId: q.loc };
  return [
    insertSelect(
      customers,
      {
        id: "c.id",
        ...tenancy,
        type: "c.type",
        displayName: "c.display_name",
        firstName: "c.first_name",
        lastName: "c.last_name",
        companyName: "c.company_name",
        email: "c.email",
        phone: "c.phone",
        street: "c.street",
        postalCode: "c.postal_code",
        city: "c.city",
        country: "'DE'",
        vatId: "c.vat_id",
        language: "c.language",
        requiresInvoiceAuthorisation: "c.requires_auth",
        paymentTermsDays: "c.terms",
        payOnAccount: "c.pay_on_account",
        notes: "c.notes",
        version: "1 + pg_temp.pick('cver' || c.n, 3)",
        createdAt: "a.created_at",
        updatedAt: "a.created_at + make_interval(days => pg_temp.pick('cupd' || c.n, 400))",
      },
      "from _cust c join _cust_at a on a.n = c.n order by c.n",
    ),
    // One portal login per fleet: fleet1@large.test for the biggest.
    insertSelect(
      portalAccounts,
      {
        id: "pg_temp.sid('pac', 'p' || c.n)",
        ...tenancy,
        customerId: "c.id",
        email: `'fleet' || c.n || '@${loginDomain}'`,
        name: "c.person",
        passwordHash: lit(ctx.shop.passwordHash),
        language: "c.language",
        createdAt: "a.created_at + interval '1 day'",
      },
      "from _cust c join _cust_at a on a.n = c.n where c.segment = 'fleet' order by c.n",
    ),
    insertSelect(
      units,
      {
        id: "u.id",
        ...tenancy,
        customerId: "c.id",
        vin: "u.vin",
        plate: "u.plate",
        make: "u.make",
        model: "u.model",
        year: "u.year",
        fleetNumber: "u.fleet_number",
        odometerKm: "pg_temp.km(u.registered, u.km_per_day, coalesce(f.last_visit, a.created_at))",
        engineHours:
          "case when u.van then pg_temp.km(u.registered, u.km_per_day, coalesce(f.last_visit, a.created_at)) / 35 end",
        version: "1 + coalesce(f.visits, 0)",
        createdAt: "a.created_at",
        updatedAt: "coalesce(f.last_visit, a.created_at)",
      },
      "from _unit u join _cust c on c.n = u.cust_n join _unit_at a on a.m = u.m left join _unit_first f on f.m = u.m order by u.m",
    ),
    // The reading taken when the unit was entered, and one at every visit.
    insertSelect(
      unitReadings,
      {
        id: "pg_temp.sid('rdg', r.key)",
        ...tenancy,
        unitId: "u.id",
        odometerKm: "pg_temp.km(u.registered, u.km_per_day, r.at)",
        engineHours: "case when u.van then pg_temp.km(u.registered, u.km_per_day, r.at) / 35 end",
        readAt: "r.at",
        source: "r.source",
        recordedByKind: "r.kind",
        recordedById: "r.by_id",
        recordedByName: "r.by_name",
        createdAt: "r.at",
      },
      `from (
        select 'u' || a.m as key, a.m, a.created_at as at, 'shop' as source, 'staff' as kind,
          (${q.advisors.ids})[pg_temp.advisor('ra' || a.m)] as by_id, (${q.advisors.names})[pg_temp.advisor('ra' || a.m)] as by_name
        from _unit_at a
        union all
        select 'v' || v.n, v.unit_n, v.t, 'shop', 'staff',
          (${q.technicians.ids})[1 + pg_temp.pick('rt' || v.n, ${q.technicians.count})],
          (${q.technicians.names})[1 + pg_temp.pick('rt' || v.n, ${q.technicians.count})]
        from _visit v
      ) r join _unit u on u.m = r.m`,
    ),
  ];
}

/**
 * Booking requests: seven in ten visits were booked (some after the shop suggested another time),
 * a few requests were declined or cancelled, and the coming weeks hold requests in every state.
 */
export function bookings(ctx: SeedContext, q: SqlNames): string[] {
  const tenancy = { organisationId: q.org, locationId: q.loc };
  const { lostBookings, upcoming } = ctx.counts;
  const up = upcoming;
  const upcomingTotal = up.new + up.awaiting_customer + up.awaiting_shop + up.confirmed;
  const slot = (ts: string) => `to_char(date_trunc('hour', ${q.local(ts)}), 'HH24:MI')`;
  return [
    `create temp table _booking on commit drop as
    select 'v' || v.n as key, v.unit_n, v.cust_n, 'confirmed' as status,
      ${q.day("v.t")} as proposed_date, ${slot("v.t")} as proposed_time,
      case when pg_temp.u('bn' || v.n) < 0.15 then ${q.day("v.t - interval '1 day'")} else ${q.day("v.t")} end as requested_date,
      ${slot("v.t")} as requested_time,
      pg_temp.u('bn' || v.n) < 0.15 as negotiated,
      v.est_created - make_interval(hours => 20 + pg_temp.pick('bc' || v.n, 200)) as created_at,
      v.est_created - interval '5 minutes' as closed_at,
      case when pg_temp.u('bx' || v.n) < 0.5 then v.estimate_id end as estimate_id,
      v.segment = 'fleet' as by_portal, v.adv, null::text as decline_reason
    from _visit v where pg_temp.u('bk' || v.n) < 0.7
    union all
    select 'l' || k, u.m, u.cust_n,
      case when pg_temp.u('bl' || k) < 0.5 then 'declined' else 'cancelled' end,
      ${q.day("x.at")}, ${slot("x.at")}, ${q.day("x.at")}, ${slot("x.at")}, false,
      x.at - make_interval(hours => 20 + pg_temp.pick('bc' || k, 100)),
      x.at - make_interval(hours => 2 + pg_temp.pick('bd' || k, 12)),
      null, c.segment = 'fleet', pg_temp.advisor('bv' || k),
      case when pg_temp.u('bl' || k) < 0.5 then 'Leider sind wir an diesem Tag ausgebucht.' end
    from generate_series(1, ${lostBookings}) k
    cross join lateral (select pg_temp.at(pg_temp.u('bt' || k) * ((select total from _axis) - 2000)) as at) x
    join _unit u on u.m = 1 + pg_temp.pick('bu' || k, ${ctx.counts.units})
    join _cust c on c.n = u.cust_n
    union all
    select 'f' || k, u.m, u.cust_n,
      case when k <= ${up.new} then 'new' when k <= ${up.new + up.awaiting_customer} then 'awaiting_customer'
        when k <= ${up.new + up.awaiting_customer + up.awaiting_shop} then 'awaiting_shop' else 'confirmed' end,
      to_char(d.day, 'YYYY-MM-DD'), lpad((8 + pg_temp.pick('bh' || k, case when extract(isodow from d.day) = 6 then 3 else 9 end))::text, 2, '0') || ':00',
      to_char(d.day, 'YYYY-MM-DD'), lpad((8 + pg_temp.pick('bh' || k, case when extract(isodow from d.day) = 6 then 3 else 9 end))::text, 2, '0') || ':00',
      k > ${up.new} and k <= ${up.new + up.awaiting_customer + up.awaiting_shop},
      ${q.now} - make_interval(mins => 360 + pg_temp.pick('bc' || k, 4000)),
      ${q.now} - make_interval(mins => 1 + pg_temp.pick('bd' || k, 25)),
      null, c.segment = 'fleet', pg_temp.advisor('bv' || k), null
    from generate_series(1, ${upcomingTotal}) k
    cross join lateral (
      select (${q.local(q.now)}::date + 1 + (k % 20) + case when extract(isodow from ${q.local(q.now)}::date + 1 + (k % 20)) = 7 then 1 else 0 end) as day
    ) d
    join _unit u on u.m = ${ctx.counts.units - currentVisits} - k
    join _cust c on c.n = u.cust_n`,
    "create unique index on _booking (key)",
    "analyze _booking",
    insertSelect(
      bookingRequests,
      {
        id: "pg_temp.sid('bkg', b.key)",
        ...tenancy,
        customerId: "c.id",
        unitId: "u.id",
        status: "b.status",
        requestedDate: "b.requested_date::date",
        requestedTime: "b.requested_time",
        // A suggested time replaces the requested one: the proposal is now the shop's (or, after a
        // counter-proposal, the customer's again).
        proposedDate:
          "case when b.status = 'awaiting_shop' then b.proposed_date::date + 1 else b.proposed_date::date end",
        proposedTime: "b.proposed_time",
        proposedBy:
          "case when b.status = 'awaiting_shop' then 'customer' when b.negotiated then 'shop' when b.by_portal then 'customer' else 'shop' end",
        notes: "case when pg_temp.u('bo' || b.key) < 0.3 then 'Bitte Ersatzwagen bereitstellen.' end",
        declineReason: "b.decline_reason",
        estimateId: "b.estimate_id",
        createdByKind: "case when b.by_portal then 'portal' else 'staff' end",
        createdById: `case when b.by_portal then pg_temp.sid('pac', 'p' || b.cust_n) else (${q.advisors.ids})[b.adv] end`,
        version: "case when b.status = 'new' then 1 when b.negotiated then 3 else 2 end",
        createdAt: "b.created_at",
        updatedAt: "case when b.status = 'new' then b.created_at else b.closed_at end",
      },
      "from _booking b join _unit u on u.m = b.unit_n join _cust c on c.n = b.cust_n order by b.created_at",
    ),
    // The negotiation history is a view of the audit log: the request, a suggested time and its
    // acceptance, and how it ended.
    insertSelect(
      auditEvents,
      {
        id: "pg_temp.sid('aud', 'b' || b.key || ':' || e.ord)",
        organisationId: q.org,
        locationId: q.loc,
        actorKind: "e.actor_kind",
        actorId: "e.actor_id",
        actorName: "e.actor_name",
        entityType: "'booking_request'",
        entityId: "pg_temp.sid('bkg', b.key)",
        action: "e.action",
        fromStatus: "e.from_status",
        toStatus: "e.to_status",
        note: "e.note",
        data: "jsonb_build_object('date', b.proposed_date, 'time', b.proposed_time)",
        createdAt: "e.at",
      },
      `from _booking b join _cust c on c.n = b.cust_n
      cross join lateral (
        select * from (values
          (1, 'submit', null::text, 'new', b.created_at,
            case when b.by_portal then 'portal' else 'staff' end,
            case when b.by_portal then pg_temp.sid('pac', 'p' || b.cust_n) else (${q.advisors.ids})[b.adv] end,
            case when b.by_portal then c.person else (${q.advisors.names})[b.adv] end, null::text),
          (2, 'suggest', 'new', 'awaiting_customer', b.created_at + interval '2 hours', 'staff',
            (${q.advisors.ids})[b.adv], (${q.advisors.names})[b.adv], 'Vormittags ist die Werkstatt voll; passt dieser Termin?'),
          (3, case when b.status = 'awaiting_shop' then 'counter' else 'accept' end, 'awaiting_customer',
            case when b.status = 'awaiting_shop' then 'awaiting_shop' else 'confirmed' end,
            b.created_at + interval '5 hours', case when b.by_portal then 'portal' else 'link' end,
            case when b.by_portal then pg_temp.sid('pac', 'p' || b.cust_n) end, c.person, null),
          (4, case b.status when 'declined' then 'decline' when 'cancelled' then 'cancel' else 'confirm' end, 'new', b.status,
            b.closed_at, case when b.status = 'cancelled' then case when b.by_portal then 'portal' else 'link' end else 'staff' end,
            case when b.status = 'cancelled' then case when b.by_portal then pg_temp.sid('pac', 'p' || b.cust_n) end else (${q.advisors.ids})[b.adv] end,
            case when b.status = 'cancelled' then c.person else (${q.advisors.names})[b.adv] end, b.decline_reason)
        ) as e(ord, action, from_status, to_status, at, actor_kind, actor_id, actor_name, note)
        where e.ord = 1
          or (e.ord = 2 and b.negotiated)
          or (e.ord = 3 and b.negotiated and b.status <> 'awaiting_customer')
          or (e.ord = 4 and not b.negotiated and b.status in ('confirmed', 'declined', 'cancelled'))
      ) e
      order by b.created_at, b.key, e.ord`,
    ),
  ];
}

const estimateStatus = `case v.path when 'draft' then 'draft' when 'awaiting' then 'awaiting_customer'
  when 'stale' then 'awaiting_customer' when 'disputed' then 'disputed' when 'revising' then 'revising'
  when 'declined' then 'declined' else 'approved' end`;

/**
 * Estimates with their working lines, submitted versions (snapshot JSON from the catalogue, real line
 * ids put in), consent records, and the work the decisions created. A revised estimate's first
 * version priced the first job higher; the customer disputed it and decided on the second.
 */
export function estimatesAndWork(_ctx: SeedContext, q: SqlNames): string[] {
  const tenancy = { organisationId: q.org, locationId: q.loc };
  const lineId = (ph: string) =>
    `case when ${ph} like '@L%' then pg_temp.sid('lab', 'e' || v.n || ${ph}) else pg_temp.sid('prt', 'e' || v.n || ${ph}) end`;
  const decider = {
    kind: "case v.decider when 'portal' then 'portal' when 'link' then 'link' else 'staff' end",
    id: `case v.decider when 'portal' then pg_temp.sid('pac', 'p' || v.cust_n) when 'link' then null else (${q.advisors.ids})[v.adv] end`,
    name: `case v.decider when 'staff' then c.display_name || ' (by phone, recorded by ' || (${q.advisors.names})[v.adv] || ')' else coalesce(c.person, c.display_name) end`,
  };
  const labourIds = (filter: string) =>
    `coalesce((select jsonb_agg(pg_temp.sid('lab', 'e' || v.n || l.ph) order by l.k) from _basket_labour l where l.b = v.b and ${filter}), '[]'::jsonb)`;
  return [
    // EST-<year>-<seq>: gapless per year in the order the estimates were opened.
    `create temp table _est_no on commit drop as
    select n, 'EST-' || y || '-' || lpad(row_number() over (partition by y order by est_created, n)::text, 6, '0') as number
    from (select n, est_created, extract(year from ${q.local("est_created")})::int as y from _visit) x`,
    "create unique index on _est_no (n)",
    "create temp table _basket_size on commit drop as select b, count(*)::int as line_count from _basket_line group by b",
    insertSelect(
      estimates,
      {
        id: "v.estimate_id",
        ...tenancy,
        number: "no.number",
        customerId: "c.id",
        unitId: "u.id",
        bookingRequestId: "case when bk.key is not null then pg_temp.sid('bkg', bk.key) end",
        status: estimateStatus,
        currency: "'EUR'",
        poNumber:
          "case when v.requires_auth then 'PO-' || extract(year from v.t)::int || '-' || lpad(v.n::text, 6, '0') end",
        currentVersion: "v.versions",
        version: "2 + v.versions * 2 + b.line_count",
        createdAt: "v.est_created",
        updatedAt:
          "coalesce(v.decided_at, v.v2_at, v.ack_at, v.dispute_at, v.v1_at, v.est_created + interval '10 minutes')",
      },
      `from _est v join _est_no no on no.n = v.n join _unit u on u.m = v.unit_n join _cust c on c.n = v.cust_n
      join _basket_size b on b.b = v.b
      left join _booking bk on bk.key = 'v' || v.n and bk.estimate_id is not null
      order by v.n`,
    ),
    insertSelect(
      estimateLines,
      {
        id: lineId("l.ph"),
        ...tenancy,
        estimateId: "v.estimate_id",
        kind: "l.kind",
        labourLineId:
          "case when l.parent_ph is not null then pg_temp.sid('lab', 'e' || v.n || l.parent_ph) end",
        position: "l.position",
        description: "l.description",
        partNumber: "l.part_number",
        quantityMilli: "l.quantity_milli",
        unitPrice: "l.unit_price",
        pricing: "l.pricing",
        taxRateBp: "l.tax_rate_bp",
        createdAt: "v.est_created + make_interval(secs => l.position * 40)",
      },
      "from _est v join _basket_line l on l.b = v.b order by v.n, l.position",
    ),
    insertSelect(
      estimateVersions,
      {
        id: "pg_temp.sid('esv', 'e' || v.n || ':' || x.no)",
        ...tenancy,
        estimateId: "v.estimate_id",
        versionNo: "x.no",
        lines:
          "pg_temp.fill_lines(case when x.no = 1 and v.revised then b.original_snapshot else b.snapshot end, 'e' || v.n)",
        totals: "case when x.no = 1 and v.revised then b.original_totals else b.totals end",
        note: "case when x.no = 2 then 'Preis nach Rücksprache angepasst.' end",
        submittedById: `(${q.advisors.ids})[v.adv]`,
        submittedByName: `(${q.advisors.names})[v.adv]`,
        createdAt: "case when x.no = 1 then v.v1_at else v.v2_at end",
      },
      "from _est v join _basket b on b.b = v.b cross join lateral generate_series(1, v.versions) as x(no) order by v.n, x.no",
    ),
    // Consent records: a dispute of the first version where there was one, then the decision.
    insertSelect(
      estimateDecisions,
      {
        id: "pg_temp.sid('dec', 'e' || v.n || ':' || d.kind)",
        ...tenancy,
        estimateId: "v.estimate_id",
        versionNo: "d.version_no",
        decision: "d.kind",
        actorKind: decider.kind,
        actorId: decider.id,
        actorName: decider.name,
        onBehalf: "v.decider = 'staff'",
        approvedLineIds: `case when d.kind = 'approve' then ${labourIds("not (v.partial and l.last)")} else '[]'::jsonb end`,
        declinedLineIds: `case d.kind when 'approve' then ${labourIds("v.partial and l.last")} when 'decline' then ${labourIds("true")} else '[]'::jsonb end`,
        disputedLines:
          "case when d.kind = 'dispute' then jsonb_build_array(jsonb_build_object('lineId', pg_temp.sid('lab', 'e' || v.n || '@L1'), 'note', 'Der Preis ist höher als telefonisch besprochen.')) else '[]'::jsonb end",
        reason: "case when d.kind = 'decline' then 'Zu teuer, wir lassen das woanders machen.' end",
        totalsSeen: "case when d.version_no = 1 and v.revised then b.original_totals else b.totals end",
        ip: "case when v.decider <> 'staff' then '203.0.113.' || (1 + v.n % 250)::text end",
        userAgent:
          "case when v.decider <> 'staff' then 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' end",
        createdAt: "d.at",
      },
      `from _est v join _basket b on b.b = v.b join _cust c on c.n = v.cust_n
      cross join lateral (
        select 'dispute' as kind, 1 as version_no, v.dispute_at as at where v.dispute_at is not null
        union all
        select case when v.path = 'declined' then 'decline' else 'approve' end, v.versions, v.decided_at where v.decided_at is not null
      ) d
      order by v.n, d.at`,
    ),
    // Approved labour lines are work; declined ones stay on the unit for follow-up.
    insertSelect(
      workItems,
      {
        id: "pg_temp.sid('wrk', 'e' || v.n || l.ph)",
        ...tenancy,
        unitId: "u.id",
        estimateId: "v.estimate_id",
        labourLineId: "pg_temp.sid('lab', 'e' || v.n || l.ph)",
        versionNo: "v.versions",
        description: "l.description",
        net: "l.net_with_parts",
        status: "case when v.path = 'declined' or (v.partial and l.last) then 'declined' else 'required' end",
        createdAt: "v.decided_at",
      },
      "from _est v join _basket_labour l on l.b = v.b join _unit u on u.m = v.unit_n where v.decided_at is not null order by v.n, l.k",
    ),
    // The estimate's story as the log tells it.
    insertSelect(
      auditEvents,
      {
        id: "pg_temp.sid('aud', 'e' || v.n || ':' || e.ord)",
        organisationId: q.org,
        locationId: q.loc,
        actorKind: "e.actor_kind",
        actorId: "e.actor_id",
        actorName: "e.actor_name",
        entityType: "'estimate'",
        entityId: "v.estimate_id",
        action: "e.action",
        fromStatus: "e.from_status",
        toStatus: "e.to_status",
        note: "e.note",
        data: "e.data",
        createdAt: "e.at",
      },
      `from _est v join _est_no no on no.n = v.n join _cust c on c.n = v.cust_n
      cross join lateral (
        select * from (values
          (1, 'create', null::text, 'draft', v.est_created, 'staff', (${q.advisors.ids})[v.adv], (${q.advisors.names})[v.adv], null::text,
            jsonb_build_object('number', no.number)),
          (2, 'submit', 'draft', 'awaiting_customer', v.v1_at, 'staff', (${q.advisors.ids})[v.adv], (${q.advisors.names})[v.adv], null, jsonb_build_object('versionNo', 1)),
          (3, 'dispute', 'awaiting_customer', 'disputed', v.dispute_at, ${decider.kind}, ${decider.id}, ${decider.name}, null, null::jsonb),
          (4, 'acknowledge', 'disputed', 'revising', v.ack_at, 'staff', (${q.advisors.ids})[v.adv], (${q.advisors.names})[v.adv], null, null),
          (5, 'submit', 'revising', 'awaiting_customer', v.v2_at, 'staff', (${q.advisors.ids})[v.adv], (${q.advisors.names})[v.adv],
            'Preis nach Rücksprache angepasst.', jsonb_build_object('versionNo', 2)),
          (6, case when v.path = 'declined' then 'decline' else 'approve' end, 'awaiting_customer',
            case when v.path = 'declined' then 'declined' else 'approved' end, v.decided_at, ${decider.kind}, ${decider.id}, ${decider.name},
            case when v.path = 'declined' then 'Zu teuer, wir lassen das woanders machen.' end, null)
        ) as e(ord, action, from_status, to_status, at, actor_kind, actor_id, actor_name, note, data)
        where e.at is not null
      ) e
      order by v.est_created, v.n, e.ord`,
    ),
  ];
}

/**
 * Work orders for the approved visits: WO-<year>-<seq> by opening, a job per approved labour line
 * with its parts, time entries as clocked (the catalogue's billing was computed from the same times).
 * Current orders stand in every column of the Service Board; at most one running entry per technician.
 */
export function workOrdersAndJobs(_ctx: SeedContext, q: SqlNames): string[] {
  const tenancy = { organisationId: q.org, locationId: q.loc };
  const technicians = q.technicians;
  return [
    `create temp table _wo on commit drop as
    select v.*, pg_temp.sid('wko', 'w' || v.n) as wo_id,
      v.t + make_interval(secs => v.ms / 1000.0) + interval '15 minutes' as unit_ready_at,
      v.t + make_interval(secs => v.ms / 1000.0) + interval '45 minutes' as ready_at,
      -- Invoiced soon after Ready to Submit, or after the customer's authorisation a day or two later.
      case when v.wo_status = 'invoiced' then
        greatest(v.t + make_interval(secs => v.ms / 1000.0) + interval '50 minutes',
          least(${q.now} - interval '10 minutes',
            v.t + make_interval(secs => v.ms / 1000.0) + case when v.requires_auth
              then make_interval(hours => 20 + pg_temp.pick('wa' || v.n, 48)) else interval '65 minutes' end))
      end as invoiced_at,
      v.path = 'in_progress' and v.r between 37 and 42 as extension_pending,
      v.path = 'in_progress' and v.r between 43 and 49 as waiting_parts
    from _est v where v.wo_status is not null and v.path <> 'required'`,
    "create unique index on _wo (n)",
    "analyze _wo",
    `create temp table _wo_no on commit drop as
    select n, 'WO-' || y || '-' || lpad(row_number() over (partition by y order by t, n)::text, 6, '0') as number
    from (select n, t, extract(year from ${q.local("t")})::int as y from _wo) x`,
    "create unique index on _wo_no (n)",
    // Each approved labour line's job, with when its time ran; a job of a current order is done,
    // running or still to do depending on now.
    `create temp table _job on commit drop as
    select w.n, w.wo_id, w.path, w.t as opened_at, l.k, l.ph, l.description, l.pricing, l.hours_milli, l.unit_price, l.tax_rate_bp, l.clocked_milli,
      w.t + make_interval(secs => l.start_offset_ms / 1000.0) as started_at,
      w.t + make_interval(secs => (l.start_offset_ms + l.clocked_milli * 3600) / 1000.0) as ended_at,
      1 + pg_temp.pick('jt' || w.n || l.ph, ${technicians.count}) as tech
    from _wo w join _basket_labour l on l.b = w.b and not (w.partial and l.last)`,
    "create index on _job (n, ph)",
    "analyze _job",
    `create temp table _running on commit drop as
    select n, ph, row_number() over (order by n, ph) as slot
    from _job where path = 'in_progress' and started_at <= ${q.now} and ended_at > ${q.now}`,
    "create unique index on _running (n, ph)",
    insertSelect(
      workOrders,
      {
        id: "w.wo_id",
        ...tenancy,
        number: "no.number",
        customerId: "c.id",
        unitId: "u.id",
        status: "w.wo_status",
        currency: "'EUR'",
        poNumber:
          "case when w.requires_auth then 'PO-' || extract(year from w.t)::int || '-' || lpad(w.n::text, 6, '0') end",
        waitingForParts: "w.waiting_parts",
        billing:
          "case when w.wo_status = 'invoiced' then case when w.partial then b.partial_billing else b.billing end end",
        openedAt: "w.t",
        unitReadyAt: "case when w.wo_status <> 'in_progress' then w.unit_ready_at end",
        readyToSubmitAt:
          "case when w.wo_status in ('ready_to_submit', 'awaiting_authorization', 'invoiced') then w.ready_at end",
        invoicedAt: "w.invoiced_at",
        version:
          "case w.wo_status when 'in_progress' then 1 when 'unit_ready' then 2 when 'ready_to_submit' then 3 else 4 end + w.labour_count",
        createdAt: "w.t",
        updatedAt: "coalesce(w.invoiced_at, case when w.wo_status <> 'in_progress' then w.ready_at end, w.t)",
      },
      "from _wo w join _wo_no no on no.n = w.n join _unit u on u.m = w.unit_n join _cust c on c.n = w.cust_n join _basket b on b.b = w.b order by w.t",
    ),
    insertSelect(
      jobs,
      {
        id: "pg_temp.sid('job', 'e' || j.n || j.ph)",
        ...tenancy,
        workOrderId: "j.wo_id",
        workItemId: "pg_temp.sid('wrk', 'e' || j.n || j.ph)",
        position: "j.k",
        description: "j.description",
        pricing: "j.pricing",
        estimatedHoursMilli: "j.hours_milli",
        unitPrice: "j.unit_price",
        taxRateBp: "j.tax_rate_bp",
        status:
          "case when j.ended_at <= " +
          q.now +
          " then 'done' when j.started_at <= " +
          q.now +
          " then 'started' else 'to_do' end",
        finishedById: `case when j.ended_at <= ${q.now} then (${technicians.ids})[j.tech] end`,
        finishedAt: `case when j.ended_at <= ${q.now} then j.ended_at end`,
        createdAt: "j.opened_at",
      },
      "from _job j order by j.n, j.k",
    ),
    insertSelect(
      jobParts,
      {
        id: "pg_temp.sid('jpt', 'e' || j.n || l.ph)",
        ...tenancy,
        jobId: "pg_temp.sid('job', 'e' || j.n || j.ph)",
        description: "l.description",
        partNumber: "l.part_number",
        quantityMilli: "l.quantity_milli",
        unitPrice: "l.unit_price",
        taxRateBp: "l.tax_rate_bp",
        createdAt: "j.started_at",
      },
      "from _job j join _wo w on w.n = j.n join _basket_line l on l.b = w.b and l.parent_ph = j.ph order by j.n, l.position",
    ),
    // A running job is clocked by its own technician while one is free; the others were clocked off.
    insertSelect(
      timeEntries,
      {
        id: "pg_temp.sid('tim', 'e' || j.n || j.ph)",
        ...tenancy,
        workOrderId: "j.wo_id",
        jobId: "pg_temp.sid('job', 'e' || j.n || j.ph)",
        technicianId: `(${technicians.ids})[coalesce(case when r.slot <= ${technicians.count} then r.slot end, j.tech)]`,
        startedAt: "j.started_at",
        endedAt: `case when r.slot is null then j.ended_at when r.slot <= ${technicians.count} then null else greatest(j.started_at, ${q.now} - interval '5 minutes') end`,
        createdAt: "j.started_at",
      },
      `from _job j left join _running r on r.n = j.n and r.ph = j.ph where j.started_at <= ${q.now} order by j.n, j.k`,
    ),
  ];
}

/**
 * Order extensions: those waiting for the customer now (the Service Board's Waiting for Customer
 * column), and in the history one in fifty orders had one, which the customer declined — that work
 * stays on the unit as declined work for follow-up.
 */
export function extensions(ctx: SeedContext, q: SqlNames): string[] {
  const tenancy = { organisationId: q.org, locationId: q.loc };
  return [
    `create temp table _ext on commit drop as
    select w.n, w.wo_id, w.cust_n, w.unit_n, w.adv, w.decider, pg_temp.sid('ext', 'x' || w.n) as ext_id,
      pg_temp.pick('xo' || w.n, ${ctx.offers.length}) as o,
      w.extension_pending as pending,
      w.t + make_interval(secs => least(w.ms, 3600000) / 2000.0) as sent_at,
      w.t + make_interval(secs => least(w.ms, 3600000) / 2000.0) + interval '40 minutes' as decided_at
    from _wo w
    where w.extension_pending or (w.wo_status = 'invoiced' and pg_temp.u('xe' || w.n) < 0.02)`,
    insertSelect(
      recommendations,
      {
        id: "pg_temp.sid('rec', 'x' || x.n || r.ph)",
        ...tenancy,
        workOrderId: "x.wo_id",
        description: "r.description",
        urgency: "r.urgency",
        note: "r.note",
        pricing: "'hourly'",
        hoursMilli: "r.hours_milli",
        unitPrice: "r.unit_price",
        taxRateBp: "r.tax_rate_bp",
        selected: "true",
        status: "case when x.pending then 'sent' else 'declined' end",
        extensionId: "x.ext_id",
        version: "2",
        createdAt: "x.sent_at - interval '30 minutes'",
      },
      "from _ext x join _offer_rec r on r.o = x.o order by x.n, r.i",
    ),
    insertSelect(
      recommendationParts,
      {
        id: "pg_temp.sid('rpt', 'x' || x.n || r.ph || ':' || p.ord)",
        ...tenancy,
        recommendationId: "pg_temp.sid('rec', 'x' || x.n || r.ph)",
        description: "p.part->>'description'",
        partNumber: "p.part->>'partNumber'",
        quantityMilli: "(p.part->>'quantityMilli')::int",
        unitPrice: "(p.part->>'unitPrice')::int",
        taxRateBp: "(p.part->>'taxRateBp')::int",
        availability: "p.part->>'availability'",
        createdAt: "x.sent_at - interval '20 minutes'",
      },
      "from _ext x join _offer_rec r on r.o = x.o cross join lateral jsonb_array_elements(r.parts) with ordinality as p(part, ord)",
    ),
    insertSelect(
      orderExtensions,
      {
        id: "x.ext_id",
        ...tenancy,
        workOrderId: "x.wo_id",
        customerId: "c.id",
        status: "case when x.pending then 'sent' else 'decided' end",
        offer: `jsonb_build_object('workOrderNumber', no.number, 'unitLabel', u.make || ' ' || u.model, 'plate', u.plate,
          'currency', 'EUR', 'items', pg_temp.fill_recs(o.items, 'x' || x.n), 'totals', o.totals)`,
        note: "'Bei der Inspektion gefunden; Fotos auf Anfrage.'",
        sentById: `(${q.advisors.ids})[x.adv]`,
        sentByName: `(${q.advisors.names})[x.adv]`,
        decidedAt: "case when not x.pending then x.decided_at end",
        createdAt: "x.sent_at",
      },
      "from _ext x join _offer o on o.o = x.o join _wo_no no on no.n = x.n join _unit u on u.m = x.unit_n join _cust c on c.n = x.cust_n order by x.n",
    ),
    insertSelect(
      extensionDecisions,
      {
        id: "pg_temp.sid('exd', 'x' || x.n)",
        ...tenancy,
        extensionId: "x.ext_id",
        actorKind: "case x.decider when 'portal' then 'portal' when 'link' then 'link' else 'staff' end",
        actorId: `case x.decider when 'portal' then pg_temp.sid('pac', 'p' || x.cust_n) when 'staff' then (${q.advisors.ids})[x.adv] end`,
        actorName: `case x.decider when 'staff' then c.display_name || ' (by phone, recorded by ' || (${q.advisors.names})[x.adv] || ')' else c.person end`,
        onBehalf: "x.decider = 'staff'",
        approvedIds: "'[]'::jsonb",
        declinedIds:
          "(select jsonb_agg(pg_temp.sid('rec', 'x' || x.n || r.ph) order by r.i) from _offer_rec r where r.o = x.o)",
        amountsSeen: `jsonb_build_object('items', (select jsonb_agg(jsonb_build_object('id', pg_temp.sid('rec', 'x' || x.n || r.ph), 'gross', r.gross) order by r.i)
          from _offer_rec r where r.o = x.o), 'approvedGross', 0, 'currency', 'EUR')`,
        createdAt: "x.decided_at",
      },
      "from _ext x join _cust c on c.n = x.cust_n where not x.pending order by x.n",
    ),
    insertSelect(
      workItems,
      {
        id: "pg_temp.sid('wrk', 'x' || x.n || r.ph)",
        ...tenancy,
        unitId: "u.id",
        recommendationId: "pg_temp.sid('rec', 'x' || x.n || r.ph)",
        description: "r.description",
        net: "r.net",
        status: "'declined'",
        createdAt: "x.decided_at",
      },
      "from _ext x join _offer_rec r on r.o = x.o join _unit u on u.m = x.unit_n where not x.pending order by x.n, r.i",
    ),
  ];
}
