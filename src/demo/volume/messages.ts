// What the shop sent and was told: the Outbox (estimate ready, booking confirmed, invoice sent,
// payment received — all delivered over SMTP long ago), the staff's bell, and the counters behind the
// readable numbers.
import { Info } from "luxon";
import { mailToCustomer } from "../../app/support/bookings/booking-mails";
import { estimateReadyMail } from "../../app/support/estimates/estimate-mails";
import { documentSequences, mailMessages, notifications } from "../../db/schema";
import type { Language } from "../../domain/customer";
import type { SeedContext, SqlNames } from "./context";
import { shop } from "./people";
import { insertSelect, lit, textArray } from "./sql";

// Values no real mail contains, to find where a template puts them.
const sentinelAmount = 987_654_321;
const sentinelVersion = 918_273_645;
const sentinelAt = { date: "2031-01-07", time: "09:00" };

const money = (language: Language, cents: number) =>
  new Intl.NumberFormat(language === "de" ? "de-DE" : "en-GB", { style: "currency", currency: "EUR" }).format(
    cents / 100,
  );

/** `template` as SQL with its placeholders replaced by SQL expressions. */
function fill(template: string, values: Record<string, string>): string {
  return Object.entries(values).reduce(
    (inner, [placeholder, expression]) => `replace(${inner}, ${lit(placeholder)}, ${expression})`,
    lit(template),
  );
}

/** A wall-clock time as formatWallClock writes it ("Dienstag, 7. Januar 2031, 09:00 Uhr"), in SQL. */
function wallClockSql(language: Language, date: string, time: string): string {
  const locale = language === "de" ? "de-DE" : "en-GB";
  const weekdays = textArray(Info.weekdays("long", { locale }));
  const months = textArray(Info.months("long", { locale }));
  const d = `${date}::date`;
  const parts = `(${weekdays})[extract(isodow from ${d})::int] || ', ' || extract(day from ${d})::int || '${language === "de" ? "." : ""} ' || (${months})[extract(month from ${d})::int] || ' ' || extract(year from ${d})::int || ', ' || ${time}`;
  return language === "de" ? `(${parts} || ' Uhr')` : `(${parts})`;
}

/** The subject and text the app would write, per language, as SQL over the given values. */
function byLanguage(
  language: string,
  make: (lang: Language) => { subject: string; text: string },
  values: (lang: Language) => Record<string, string>,
) {
  const de = make("de");
  const en = make("en");
  return {
    subject: `case when ${language} = 'de' then ${fill(de.subject, values("de"))} else ${fill(en.subject, values("en"))} end`,
    text: `case when ${language} = 'de' then ${fill(de.text, values("de"))} else ${fill(en.text, values("en"))} end`,
  };
}

export function outbox(_ctx: SeedContext, q: SqlNames): string[] {
  const tenancy = { organisationId: q.org, locationId: q.loc };
  const estimateMail = byLanguage(
    "c.language",
    (lang) =>
      estimateReadyMail(lang, {
        number: "{{number}}",
        versionNo: sentinelVersion,
        unitLabel: "{{unit}}",
        customerName: "{{customer}}",
        shopName: shop.location.name,
        gross: sentinelAmount,
        currency: "EUR",
        note: null,
        url: "{{url}}",
      }),
    (lang) => ({
      [money(lang, sentinelAmount)]: "pg_temp.money(m.gross, c.language)",
      [String(sentinelVersion)]: "m.version_no::text",
      "{{number}}": "m.number",
      "{{unit}}": "m.unit_label",
      "{{customer}}": "c.display_name",
      "{{url}}": "m.url",
    }),
  );
  const shopFacts = {
    name: shop.location.name,
    address: `${shop.location.street}, ${shop.location.postalCode} ${shop.location.city}`,
    zone: shop.location.timeZone,
    phone: shop.location.phone,
  };
  const bookingMail = byLanguage(
    "c.language",
    (lang) =>
      mailToCustomer("confirm", lang, {
        bookingId: "",
        shop: shopFacts,
        customerName: "{{customer}}",
        unitLabel: "{{unit}}",
        at: sentinelAt,
        note: null,
        answerUrl: "{{url}}",
        shopUrl: "{{url}}",
      }),
    (lang) => {
      // The formatted sentinel time, as the template wrote it.
      const written = mailToCustomer("confirm", lang, {
        bookingId: "",
        shop: shopFacts,
        customerName: "",
        unitLabel: "",
        at: sentinelAt,
        note: null,
        answerUrl: "",
        shopUrl: "",
      }).subject.replace(/^[^:]+: /, "");
      return {
        [written]: wallClockSql(lang, "b.proposed_date", "b.proposed_time"),
        "{{customer}}": "c.display_name",
        "{{unit}}": "u.make || ' ' || u.model",
        "{{url}}": "m.url",
      };
    },
  );
  const invoiceSubject = `case when c.language = 'de' then 'Rechnung ' || m.number || ' von ' || ${lit(shop.location.name)}
    else 'Invoice ' || m.number || ' from ' || ${lit(shop.location.name)} end`;
  const invoiceText = `case when c.language = 'de'
    then 'Guten Tag ' || c.display_name || E',\\n\\nanbei Rechnung ' || m.number || ' über ' || pg_temp.money(m.gross, 'de') || ', fällig am ' || pg_temp.day(m.due::date, 'de') || E'.\\n\\nSie können hier online bezahlen:\\n' || m.url || E'\\n\\n' || ${lit(shop.location.name)} || E'\\n'
    else 'Hello ' || c.display_name || E',\\n\\nplease find attached invoice ' || m.number || ' for ' || pg_temp.money(m.gross, 'en') || ', due on ' || pg_temp.day(m.due::date, 'en') || E'.\\n\\nYou can pay online here:\\n' || m.url || E'\\n\\n' || ${lit(shop.location.name)} || E'\\n' end`;
  const receiptSubject = `case when c.language = 'de' then 'Zahlungsbestätigung für Rechnung ' || m.number else 'Payment received for invoice ' || m.number end`;
  const receiptText = `case when c.language = 'de'
    then 'Guten Tag ' || c.display_name || E',\\n\\nvielen Dank: Wir haben ' || pg_temp.money(m.gross, 'de') || ' für Rechnung ' || m.number || E' erhalten. Die Rechnung ist bezahlt.\\n\\n' || ${lit(shop.location.name)} || E'\\n'
    else 'Hello ' || c.display_name || E',\\n\\nthank you: we received ' || pg_temp.money(m.gross, 'en') || ' for invoice ' || m.number || E'. The invoice is paid.\\n\\n' || ${lit(shop.location.name)} || E'\\n' end`;
  const link = (key: string) =>
    `${q.publicUrl} || '/e/' || encode(sha256(convert_to(${key}, 'UTF8')), 'hex')`;
  const sent = (at: string) => ({
    status: "'sent'",
    attempts: "1",
    createdAt: at,
    sentAt: `${at} + interval '4 seconds'`,
  });
  return [
    // Estimate ready, per submitted version, to customers with an address.
    insertSelect(
      mailMessages,
      {
        id: "pg_temp.sid('msg', 'me' || m.n || ':' || m.version_no)",
        ...tenancy,
        to: "c.email",
        subject: estimateMail.subject,
        text: estimateMail.text,
        ...sent("m.at"),
      },
      `from (
        select e.n, e.cust_n, x.no as version_no, no.number, u.make || ' ' || u.model as unit_label,
          (case when x.no = 1 and e.revised then b.original_totals else b.totals end->>'gross')::bigint as gross,
          case when x.no = 1 then e.v1_at else e.v2_at end as at,
          case when e.decider = 'portal' then ${q.publicUrl} || '/portal/estimates/' || e.estimate_id else ${link("'e' || e.n || ':' || x.no")} end as url
        from _est e join _est_no no on no.n = e.n join _unit u on u.m = e.unit_n join _basket b on b.b = e.b
        cross join lateral generate_series(1, e.versions) as x(no)
      ) m join _cust c on c.n = m.cust_n
      where c.email is not null order by m.at`,
    ),
    // Booking confirmed (the calendar file is left out: the Outbox lists text).
    insertSelect(
      mailMessages,
      {
        id: "pg_temp.sid('msg', 'mb' || b.key)",
        ...tenancy,
        to: "c.email",
        subject: bookingMail.subject,
        text: bookingMail.text,
        ...sent("b.closed_at"),
      },
      `from _booking b join _cust c on c.n = b.cust_n join _unit u on u.m = b.unit_n
      cross join lateral (select case when b.by_portal then ${q.publicUrl} || '/portal/bookings' else ${link("'b' || b.key")} end as url) m
      where b.status = 'confirmed' and c.email is not null order by b.closed_at`,
    ),
    // Invoice sent with its payment link (the PDF attachment is left out).
    insertSelect(
      mailMessages,
      {
        id: "pg_temp.sid('msg', 'mi' || f.key)",
        ...tenancy,
        to: "f.email",
        subject: invoiceSubject,
        text: invoiceText,
        ...sent("f.sent_at"),
      },
      `from _flow f join _cust c on c.n = f.cust_n join _inv_no no on no.key = f.key
      cross join lateral (
        select no.number, f.gross, to_char(${q.local("f.issued_at")}::date + f.terms, 'YYYY-MM-DD') as due,
          ${q.publicUrl} || '/pay/' || encode(sha256(convert_to('pay' || f.key, 'UTF8')), 'hex') as url
      ) m
      where f.sent_at is not null order by f.sent_at`,
    ),
    // The receipt once an invoice is paid in full.
    insertSelect(
      mailMessages,
      {
        id: "pg_temp.sid('msg', 'mr' || f.key)",
        ...tenancy,
        to: "coalesce(f.email, c.email)",
        subject: receiptSubject,
        text: receiptText,
        ...sent("f.paid_at"),
      },
      `from _flow f join _cust c on c.n = f.cust_n join _inv_no no on no.key = f.key
      cross join lateral (select no.number, f.paid_amount as gross) m
      where f.paid_at is not null and f.flow <> 'partial' and c.email is not null order by f.paid_at`,
    ),
  ];
}

/** The bell: the advisor who sent an invoice hears when it is paid; extension decisions, likewise. */
export function bell(_ctx: SeedContext, q: SqlNames): string[] {
  const tenancy = { organisationId: q.org, locationId: q.loc };
  const readLater = (at: string, key: string) =>
    `case when ${at} < ${q.now} - interval '2 days' then ${at} + make_interval(mins => 5 + pg_temp.pick('nr' || ${key}, 2000)) end`;
  return [
    insertSelect(
      notifications,
      {
        id: "pg_temp.sid('ntf', 'np' || f.key)",
        ...tenancy,
        recipientId: `(${q.advisors.ids})[f.adv]`,
        kind: "'invoice-paid'",
        title: "no.number || ': paid'",
        link: "'/invoices/' || f.id",
        readAt: readLater("f.paid_at", "f.key"),
        createdAt: "f.paid_at",
      },
      "from _flow f join _inv_no no on no.key = f.key where f.paid_at is not null and f.sent_at is not null and f.flow <> 'partial' order by f.paid_at",
    ),
    insertSelect(
      notifications,
      {
        id: "pg_temp.sid('ntf', 'nx' || x.n)",
        ...tenancy,
        recipientId: `(${q.advisors.ids})[x.adv]`,
        kind: "'extension-decided'",
        title: "no.number || ': ' || c.display_name || ' decided the extension'",
        body: "'0 approved, ' || o.count || ' declined.'",
        link: "'/work-orders/' || x.wo_id",
        readAt: readLater("x.decided_at", "'x' || x.n"),
        createdAt: "x.decided_at",
      },
      "from _ext x join _wo_no no on no.n = x.n join _cust c on c.n = x.cust_n join _offer o on o.o = x.o where not x.pending order by x.decided_at",
    ),
  ];
}

/** The counters behind EST-/WO-/INV-/CN-<year>-<seq>, so the next number continues the series. */
export function sequences(q: SqlNames): string[] {
  return [
    insertSelect(
      documentSequences,
      {
        locationId: q.loc,
        kind: "split_part(x.number, '-', 1)",
        year: "split_part(x.number, '-', 2)::int",
        last: "max(split_part(x.number, '-', 3)::int)",
      },
      `from (
        select number from estimates where location_id = ${q.loc}
        union all select number from work_orders where location_id = ${q.loc}
        union all select number from invoices where location_id = ${q.loc} and number is not null
      ) x group by 2, 3`,
    ),
  ];
}
