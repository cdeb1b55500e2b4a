// The work tables the seed builds first (temporary, dropped at commit): the shop's opening minutes
// over five years, the priced work catalogue, and who comes when — customers, their units, and the
// service visits. Every later step reads these and writes real rows.
import type { SeedContext, SqlNames } from "./context";
import { zone } from "./context";
import {
  cars,
  firstNames,
  fleetNames,
  lastNames,
  legalForms,
  mailSlug,
  streets,
  towns,
  trades,
  vans,
} from "./people";
import { jsonLit, textArray } from "./sql";

/** Visits younger than this are the shop's current work: estimates being decided, the Service Board. */
export const currentVisits = 100;
/** Working minutes between two current visits. */
const currentSpacingMinutes = 10;

/**
 * The opening minutes of the last five years (Mon–Fri 07:30–17:30, Sat 08:00–12:00, the app's default
 * opening hours) as one axis, and `at(minute)` to turn a point on it into an instant. Spreading events
 * along it puts them inside opening hours, with today's ending now.
 */
export function timeAxis(q: SqlNames): string[] {
  return [
    `create temp table _day on commit drop as
    with days as (
      select d::date as day, extract(isodow from d)::int as dow
      from generate_series(${q.local(q.now)}::date - interval '5 years', ${q.local(q.now)}::date, interval '1 day') d
    ), hours as (
      select day, case when dow = 6 then 480 else 450 end as opens,
        case when dow = 6 then 240 when dow = 7 then 0 else 600 end as minutes
      from days
    ), clipped as (
      select day, opens,
        case when day = ${q.local(q.now)}::date
          then least(minutes, greatest(0, floor(extract(epoch from ${q.local(q.now)}::time) / 60)::int - opens - 1))
          else minutes end as minutes
      from hours
    )
    select day, opens, minutes, (sum(minutes) over (order by day) - minutes)::double precision as cum_start
    from clipped where minutes > 0`,
    "create index on _day (cum_start)",
    "analyze _day",
    `create or replace function pg_temp.at(m double precision) returns timestamptz language sql stable as $$
      select ((d.day + make_interval(secs => (d.opens + least(m - d.cum_start, d.minutes - 0.5)) * 60)) at time zone ${zone})
      from _day d where d.cum_start <= greatest(m, 0) order by d.cum_start desc limit 1
    $$`,
    `create temp table _axis on commit drop as select sum(minutes)::double precision as total from _day`,
  ];
}

/** The priced catalogue (catalogue.ts) as tables, and the functions that put real ids into its JSON. */
export function catalogueTables(ctx: SeedContext): string[] {
  const baskets = ctx.baskets.map((b) => ({
    b: b.b,
    labour_count: b.labourCount,
    snapshot: b.snapshot,
    totals: b.totals,
    original_snapshot: b.originalSnapshot,
    original_totals: b.originalTotals,
    billing: b.billing,
    partial_billing: b.partialBilling,
    invoice_lines: b.billing.lines.map(({ kind: _kind, ...line }) => line),
    partial_invoice_lines: b.partialBilling?.lines.map(({ kind: _kind, ...line }) => line) ?? null,
    work_ms: b.workMs,
    partial_work_ms: b.partialWorkMs,
  }));
  const lines = ctx.baskets.flatMap((b) =>
    b.lines.map((l) => ({
      b: b.b,
      ph: l.ph,
      kind: l.kind,
      parent_ph: l.parentPh,
      position: l.position,
      description: l.description,
      part_number: l.partNumber,
      quantity_milli: l.quantityMilli,
      unit_price: l.unitPrice,
      pricing: l.pricing,
      tax_rate_bp: l.taxRateBp,
    })),
  );
  const labour = ctx.baskets.flatMap((b) =>
    b.labour.map((l) => ({
      b: b.b,
      k: l.k,
      ph: l.ph,
      description: l.description,
      pricing: l.pricing,
      hours_milli: l.hoursMilli,
      unit_price: l.unitPrice,
      tax_rate_bp: l.taxRateBp,
      net_with_parts: l.netWithParts,
      clocked_milli: l.clockedMilli,
      start_offset_ms: l.startOffsetMs,
      last: l.k === b.labourCount,
    })),
  );
  const sales = ctx.sales.map((s) => ({
    m: s.m,
    with_unit: s.withUnit,
    fleet_only: s.fleetOnly,
    lines: s.lines,
    totals: s.totals,
  }));
  const offers = ctx.offers.map((o) => ({
    o: o.o,
    items: o.items,
    totals: o.totals,
    count: o.recommendations.length,
  }));
  const recs = ctx.offers.flatMap((o) =>
    o.recommendations.map((r, i) => ({
      o: o.o,
      i: i + 1,
      ph: r.ph,
      description: r.description,
      urgency: r.urgency,
      note: r.note,
      hours_milli: r.hoursMilli,
      unit_price: r.unitPrice,
      tax_rate_bp: r.taxRateBp,
      net: r.net,
      gross: r.gross,
      parts: r.parts,
    })),
  );
  const labourPhs = [
    ...new Set(ctx.baskets.flatMap((b) => b.lines.filter((l) => l.kind === "labour").map((l) => l.ph))),
  ];
  const partPhs = [
    ...new Set(ctx.baskets.flatMap((b) => b.lines.filter((l) => l.kind === "part").map((l) => l.ph))),
  ];
  const recPhs = [...new Set(ctx.offers.flatMap((o) => o.recommendations.map((r) => r.ph)))];
  // Longest first, so @P1.1 is never replaced inside @P1.10.
  const byLength = (a: string, b: string) => b.length - a.length || a.localeCompare(b);
  const fill = (phs: string[], prefix: (ph: string) => string) =>
    phs
      .sort(byLength)
      .reduce(
        (inner, ph) =>
          `replace(${inner}, '"${ph}"', '"' || pg_temp.sid('${prefix(ph)}', k || '${ph}') || '"')`,
        "t",
      );
  return [
    `create temp table _basket on commit drop as select * from jsonb_to_recordset(${jsonLit(baskets)}) as x(
      b int, labour_count int, snapshot text, totals jsonb, original_snapshot text, original_totals jsonb,
      billing jsonb, partial_billing jsonb, invoice_lines jsonb, partial_invoice_lines jsonb,
      work_ms bigint, partial_work_ms bigint)`,
    `create temp table _basket_line on commit drop as select * from jsonb_to_recordset(${jsonLit(lines)}) as x(
      b int, ph text, kind text, parent_ph text, position int, description text, part_number text,
      quantity_milli int, unit_price int, pricing text, tax_rate_bp int)`,
    `create temp table _basket_labour on commit drop as select * from jsonb_to_recordset(${jsonLit(labour)}) as x(
      b int, k int, ph text, description text, pricing text, hours_milli int, unit_price int, tax_rate_bp int,
      net_with_parts int, clocked_milli int, start_offset_ms bigint, last boolean)`,
    `create temp table _sale on commit drop as select * from jsonb_to_recordset(${jsonLit(sales)}) as x(
      m int, with_unit boolean, fleet_only boolean, lines jsonb, totals jsonb)`,
    `create temp table _goodwill on commit drop as select * from jsonb_to_recordset(${jsonLit(
      ctx.goodwill.map((g) => ({ g: g.g, lines: g.lines, totals: g.totals })),
    )}) as x(g int, lines jsonb, totals jsonb)`,
    `create temp table _offer on commit drop as select * from jsonb_to_recordset(${jsonLit(offers)}) as x(
      o int, items text, totals jsonb, count int)`,
    `create temp table _offer_rec on commit drop as select * from jsonb_to_recordset(${jsonLit(recs)}) as x(
      o int, i int, ph text, description text, urgency text, note text, hours_milli int, unit_price int,
      tax_rate_bp int, net int, gross int, parts jsonb)`,
    "create unique index on _basket (b)",
    "create index on _basket_line (b, parent_ph)",
    "create index on _basket_labour (b)",
    "create index on _offer_rec (o)",
    "analyze _basket, _basket_line, _basket_labour, _sale, _goodwill, _offer, _offer_rec",
    // An estimate's lines: labour ids lab_…, part ids prt_…, from the estimate's key and the placeholder.
    `create or replace function pg_temp.fill_lines(t text, k text) returns jsonb language sql immutable as $$
      select (${fill([...labourPhs, ...partPhs], (ph) => (ph.startsWith("@L") ? "lab" : "prt"))})::jsonb
    $$`,
    `create or replace function pg_temp.fill_recs(t text, k text) returns jsonb language sql immutable as $$
      select (${fill(recPhs, () => "rec")})::jsonb
    $$`,
  ];
}

const vehicleArrays = (list: typeof cars) => {
  const flat = list.flatMap((c) => c.models.map((model) => ({ make: c.make, wmi: c.wmi, model })));
  return {
    make: textArray(flat.map((v) => v.make)),
    wmi: textArray(flat.map((v) => v.wmi)),
    model: textArray(flat.map((v) => v.model)),
    count: flat.length,
  };
};

/**
 * Customers: fleets first (fleet1 is a rental company with a tenth of the units), then other
 * businesses, then private customers. Addresses in and around Leipzig; e-mail addresses on reserved
 * domains (example.com, .example), so nothing seeded can ever reach a real inbox.
 */
export function customerTable(ctx: SeedContext): string[] {
  const { customers, fleets, businesses } = ctx.counts;
  const first = textArray(firstNames);
  const firstSlug = textArray(firstNames.map(mailSlug));
  const last = textArray(lastNames);
  const lastSlug = textArray(lastNames.map(mailSlug));
  const trade = textArray(trades);
  const tradeSlug = textArray(trades.map(mailSlug));
  const form = textArray(legalForms);
  const fleet = textArray(fleetNames);
  const fleetSlug = textArray(fleetNames.map((f) => mailSlug(f.split(" ").slice(0, 2).join("-"))));
  const street = textArray(streets);
  const postal = textArray(towns.map((t) => t[0]));
  const town = textArray(towns.map((t) => t[1]));
  const domains = textArray(["example.com", "example.net", "example.org"]);
  return [
    `create temp table _cust on commit drop as
    with base as (
      select n,
        case when n <= ${fleets} then 'fleet' when n <= ${fleets + businesses} then 'business' else 'private' end as segment,
        1 + pg_temp.pick('cf' || n, ${firstNames.length}) as fi, 1 + pg_temp.pick('cl' || n, ${lastNames.length}) as li,
        1 + pg_temp.pick('ct' || n, ${trades.length}) as ti, 1 + pg_temp.pick('cg' || n, ${legalForms.length}) as gi,
        1 + pg_temp.pick('cw' || n, ${towns.length}) as wi, 1 + pg_temp.pick('cs' || n, ${streets.length}) as si,
        pg_temp.u('cu' || n) as u1, pg_temp.u('cv' || n) as u2, pg_temp.u('cx' || n) as u3
      from generate_series(1, ${customers}) n
    ), named as (
      select *,
        case segment
          when 'fleet' then coalesce((${fleet})[n], (${last})[li] || ' ' || (${trade})[ti] || ' Fuhrpark GmbH')
          when 'business' then (${last})[li] || ' ' || (${trade})[ti] || ' ' || (${form})[gi]
        end as company_name,
        case segment
          when 'fleet' then 'fuhrpark@' || coalesce((${fleetSlug})[n], (${lastSlug})[li] || '-' || (${tradeSlug})[ti]) || '.example'
          when 'business' then case when u1 < 0.1 then null else 'info@' || (${lastSlug})[li] || '-' || (${tradeSlug})[ti] || '.example' end
          else case when u1 < 0.08 then null
            else (${firstSlug})[fi] || '.' || (${lastSlug})[li] || case when u2 < 0.4 then '' else (n % 1000)::text end
              || '@' || (${domains})[1 + pg_temp.pick('cd' || n, 3)] end
        end as email
      from base
    )
    select n, pg_temp.sid('cus', 'c' || n) as id, segment,
      case when segment = 'private' then 'private' else 'business' end as type,
      (${first})[fi] as first_name, (${last})[li] as last_name, company_name,
      coalesce(company_name, (${first})[fi] || ' ' || (${last})[li]) as display_name,
      (${first})[fi] || ' ' || (${last})[li] as person,
      email,
      case when u3 < 0.05 then null else '+49 341 ' || (2000000 + pg_temp.pick('cp' || n, 7999999))::text end as phone,
      (${street})[si] || ' ' || (1 + pg_temp.pick('ch' || n, 120))::text as street,
      (${postal})[wi] as postal_code, (${town})[wi] as city,
      case when segment = 'private' then null else 'DE' || (100000000 + pg_temp.pick('cvat' || n, 899999999))::text end as vat_id,
      case when pg_temp.u('clang' || n) < 0.05 then 'en' else 'de' end as language,
      segment = 'fleet' and (n = 1 or pg_temp.u('cauth' || n) < 0.6) as requires_auth,
      case when segment = 'private' then 14 when segment = 'fleet' or u2 < 0.5 then 30 else 14 end as terms,
      segment = 'fleet' or (segment = 'business' and u3 < 0.2) as pay_on_account,
      case when segment = 'fleet' then 'Rahmenvertrag Flottenservice; Rechnungen mit Bestellnummer.' end as notes
    from named`,
    "create unique index on _cust (n)",
    "analyze _cust",
  ];
}

/**
 * Units: a tenth belong to fleet1, fifteen percent to the other fleets (the bigger ones more), a tenth
 * to other businesses, the rest to private customers (at least one each). VINs are 17 characters
 * without I, O or Q, unique in the organisation (the serial part is the unit's number).
 */
export function unitTable(ctx: SeedContext, q: SqlNames): string[] {
  const { units, fleets, businesses, customers } = ctx.counts;
  const privates = customers - fleets - businesses;
  const car = vehicleArrays(cars);
  const van = vehicleArrays(vans);
  return [
    `create temp table _unit on commit drop as
    with base as (
      select m, pg_temp.pick('us' || m, 100) as s from generate_series(1, ${units}) m
    ), seg as (
      select m, case when s < 10 then 'fleet1' when s < 25 then 'fleet' when s < 35 then 'business' else 'private' end as seg
      from base
    ), ranked as (
      select m, seg, (row_number() over (partition by seg order by m) - 1)::int as i from seg
    ), owned as (
      select m, seg, i,
        case seg when 'fleet1' then 1
          when 'fleet' then 2 + floor(${fleets - 1} * pow(pg_temp.u('uf' || m), 2))::int
          when 'business' then ${fleets + 1} + (i % ${businesses})
          else ${fleets + businesses + 1} + (i % ${privates}) end as cust_n,
        seg in ('fleet1', 'fleet') and pg_temp.u('uv' || m) < 0.8 as van,
        1 + pg_temp.pick('um' || m, 1000) as vi,
        extract(year from ${q.local(q.now)})::int
          - case when seg in ('fleet1', 'fleet') then pg_temp.pick('uy' || m, 7) else pg_temp.pick('uy' || m, 15) end as year
      from ranked
    )
    select m, pg_temp.sid('unt', 'u' || m) as id, cust_n, seg, van, year,
      case when van then (${van.make})[1 + vi % ${van.count}] else (${car.make})[1 + vi % ${car.count}] end as make,
      case when van then (${van.model})[1 + vi % ${van.count}] else (${car.model})[1 + vi % ${car.count}] end as model,
      (case when van then (${van.wmi})[1 + vi % ${van.count}] else (${car.wmi})[1 + vi % ${car.count}] end)
        || substr(upper(md5('vds' || vi % 97)), 1, 6)
        || case when year between 2001 and 2009 then (year - 2000)::text else substr('ABCDEFGHJKLMNPRSTVWXY', year - 2009, 1) end
        || (pg_temp.pick('up' || m, 10))::text || lpad(m::text, 6, '0') as vin,
      case when seg = 'fleet1' then 'L-MA ' || (1000 + i)::text
        else 'L-' || chr(65 + pg_temp.pick('pa' || m, 26)) || chr(65 + pg_temp.pick('pb' || m, 26)) || ' '
          || (1 + pg_temp.pick('pn' || m, 9998))::text end as plate,
      case when seg = 'fleet1' then 'MA-' || lpad((i + 1)::text, 4, '0')
        when seg = 'fleet' then 'FZ-' || lpad(m::text, 5, '0') end as fleet_number,
      make_date(year, 1 + pg_temp.pick('ur' || m, 12), 1 + pg_temp.pick('ud' || m, 28)) as registered,
      case when van then 80 + pg_temp.pick('uk' || m, 120) else 25 + pg_temp.pick('uk' || m, 40) end as km_per_day
    from owned`,
    "create unique index on _unit (m)",
    "analyze _unit",
    // Kilometres on the clock of a unit at an instant (driven since first registration).
    `create or replace function pg_temp.km(registered date, km_per_day int, at timestamptz) returns int language sql immutable as $$
      select greatest(5, round(km_per_day * extract(epoch from (at - registered::timestamptz)) / 86400))::int
    $$`,
  ];
}

/**
 * Service visits, oldest first, spread over the opening minutes. The last `currentVisits` are today's
 * work, ten working minutes apart, in fixed bands: estimates being written and decided, approved work
 * waiting (Work Required), work orders in every column of the Service Board. Every older visit is
 * history: approved and invoiced, declined, or (rarely) never answered. Current visits get units of
 * their own (one open work order per unit); those awaiting authorisation belong to fleet1.
 */
export function visitTable(ctx: SeedContext, q: SqlNames): string[] {
  const { visits, units } = ctx.counts;
  const history = visits - currentVisits;
  // A stride coprime to the number of units walks through all of them before repeating.
  const stride = [7919, 7927, 7933, 7937].find((p) => units % p !== 0)!;
  return [
    `create temp table _visit0 on commit drop as
    with v as (
      select n, ${visits} - n as r from generate_series(1, ${visits}) n
    )
    select n, r,
      pg_temp.at(case when r < ${currentVisits}
        then (select total from _axis) - (r + 0.5) * ${currentSpacingMinutes}
        else (n - 0.5) * ((select total from _axis) - ${currentVisits * currentSpacingMinutes}) / ${history} end) as t0,
      case
        when r >= ${currentVisits} then ((n::bigint * ${stride}) % ${units}) + 1
        when r >= 90 then (select m from _unit where cust_n = 1 and m <= ${units - currentVisits} order by m desc offset r - 90 limit 1)
        else ${units} - r
      end as unit_n,
      pg_temp.pick('vb' || n, ${ctx.baskets.length}) as b,
      case
        when r < 4 then 'draft' when r < 12 then 'awaiting' when r < 15 then 'disputed' when r < 17 then 'revising'
        when r < 37 then 'required' when r < 80 then 'in_progress' when r < 90 then 'unit_ready'
        when r < ${currentVisits} then 'ready'
        when pg_temp.u('vp' || n) < 0.05 then 'declined'
        when pg_temp.u('vp' || n) < 0.055 then 'stale'
        else 'invoiced'
      end as path
    from v`,
    `create temp table _visit on commit drop as
    with joined as (
      select v.*, u.cust_n, b.labour_count, c.requires_auth, c.segment, c.email is not null as has_email,
        (v.path in ('disputed', 'revising')
          or (v.path = 'declined' and pg_temp.u('vr' || v.n) < 0.4)
          or (v.path in ('required', 'in_progress', 'unit_ready', 'ready', 'invoiced') and pg_temp.u('vr' || v.n) < 0.03)) as revised,
        v.path in ('required', 'in_progress', 'unit_ready', 'ready', 'invoiced')
          and b.labour_count > 1 and pg_temp.u('vq' || v.n) < 0.12 as partial,
        b.work_ms, b.partial_work_ms
      from _visit0 v join _unit u on u.m = v.unit_n join _cust c on c.n = u.cust_n join _basket b on b.b = v.b
    ), timed as (
      select *,
        case when partial then partial_work_ms else work_ms end as ms,
        -- Orders past the workshop must have finished their jobs by now.
        case when path in ('unit_ready', 'ready')
          then least(t0, ${q.now} - make_interval(secs => (case when partial then partial_work_ms else work_ms end) / 1000.0) - interval '90 minutes')
          else t0 end as t
      from joined
    )
    select *,
      pg_temp.sid('est', 'e' || n) as estimate_id,
      case when path = 'draft' then 0 when path in ('awaiting', 'disputed', 'revising', 'stale') then 1 else 1 + revised::int end as versions,
      case when path = 'ready' and requires_auth then 'awaiting_authorization'
        when path = 'ready' then 'ready_to_submit' when path = 'unit_ready' then 'unit_ready'
        when path = 'in_progress' then 'in_progress' when path = 'invoiced' then 'invoiced' end as wo_status,
      case when segment = 'fleet' then 'portal' when has_email then 'link' else 'staff' end as decider,
      case when path = 'draft' then t - interval '20 minutes'
        when r < ${currentVisits} and path in ('awaiting', 'disputed', 'revising') then t - interval '3 hours'
        when revised then t - interval '2 days'
        else t - make_interval(mins => 40 + pg_temp.pick('ve' || n, 120)) end as est_created,
      pg_temp.advisor('va' || n) as adv
    from timed`,
    "create unique index on _visit (n)",
    "analyze _visit",
    // Every event of the estimate, from its creation; null when it did not happen.
    `create temp table _est on commit drop as
    select v.*,
      case when versions > 0 then est_created + interval '15 minutes' end as v1_at,
      case when path in ('disputed', 'revising') then est_created + interval '45 minutes'
        when revised then est_created + interval '3 hours 15 minutes' end as dispute_at,
      case when path = 'revising' then est_created + interval '65 minutes'
        when revised and path not in ('disputed') then est_created + interval '4 hours 15 minutes' end as ack_at,
      case when versions = 2 then est_created + interval '6 hours 15 minutes' end as v2_at,
      case when path in ('required', 'in_progress', 'unit_ready', 'ready', 'invoiced', 'declined') then t - interval '20 minutes' end as decided_at
    from _visit v`,
    "create unique index on _est (n)",
    "analyze _est",
  ];
}

/** When units and customers first appear: before their first visit, most at the start of the data. */
export function arrivalDates(q: SqlNames): string[] {
  return [
    `create temp table _unit_first on commit drop as
    select unit_n as m, min(est_created) as first_visit, max(t) as last_visit, count(*)::int as visits
    from _visit group by unit_n`,
    "create unique index on _unit_first (m)",
    `create temp table _unit_at on commit drop as
    select u.m,
      least(coalesce(f.first_visit, ${q.now}) - interval '1 day',
        (select min(day) from _day)::timestamptz + make_interval(days => pg_temp.pick('uc' || u.m, 1800))) as created_at
    from _unit u left join _unit_first f on f.m = u.m`,
    "create unique index on _unit_at (m)",
    `create temp table _cust_at on commit drop as
    select c.n, least(coalesce(min(a.created_at), ${q.now} - interval '1 day') - interval '2 hours',
      (select min(day) from _day)::timestamptz + make_interval(days => pg_temp.pick('cc' || c.n, 1800))) as created_at
    from _cust c left join _unit u on u.cust_n = c.n left join _unit_at a on a.m = u.m
    group by c.n`,
    "create unique index on _cust_at (n)",
  ];
}
