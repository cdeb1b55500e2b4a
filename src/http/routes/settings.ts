import { and, eq, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../app/support/audit";
import { email, optionalEmail, optionalText, requiredText, version } from "../../app/support/fields";
import { createStaffUser } from "../../app/users/create-staff-user";
import { updateStaffUser } from "../../app/users/update-staff-user";
import type { Db } from "../../db/client";
import { loadOpeningHours } from "../../db/queries/bookings";
import { listStaffUsers } from "../../db/queries/users";
import { locations, openingHours, type staffUsers } from "../../db/schema";
import { languages } from "../../domain/customer";
import { eInvoiceFormats } from "../../domain/e-invoice/format";
import { staleVersion } from "../../domain/errors";
import { paymentMethods } from "../../domain/invoice-case";
import { checkLegalDetails } from "../../domain/legal-details";
import { staffRoles } from "../../domain/permissions";
import { billingModes } from "../../domain/work-order";
import { staffOf } from "../auth";
import { idParams } from "../presenters";

const locationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string(),
    currency: z.string(),
    locale: z.string(),
    legalName: z.string(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
    vatId: z.string().nullable(),
    registerCourt: z.string().nullable().describe("Register court, e.g. Amtsgericht Charlottenburg"),
    registerNumber: z.string().nullable().describe("Register number, e.g. HRB 123456 B"),
    managingDirectors: z.array(z.string()).describe("Managing directors, printed on invoices (§35a GmbHG)"),
    iban: z.string().nullable(),
    bic: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    bookingCapacityPerHour: z.number().int(),
    labourRate: z.number().int().describe("Hourly labour rate in minor units"),
    billingMode: z
      .enum(billingModes)
      .describe("Which hours an hourly job bills: approved (the estimate's) or clocked"),
    billingTolerancePct: z
      .number()
      .int()
      .describe("Billed hours differing from the approved by more than this percent are flagged"),
    paymentProvider: z.enum(["sandbox", "stripe"]),
    paymentMethods: z.array(z.enum(paymentMethods)),
    taxNumber: z.string().nullable().describe("Steuernummer (BT-32), for a seller without a VAT ID"),
    eInvoiceAddress: z
      .string()
      .nullable()
      .describe("Where buyers' systems answer e-invoices (BT-34); the email when null"),
    eInvoiceDefault: z
      .enum(eInvoiceFormats)
      .describe("The e-invoice a business customer gets unless theirs says otherwise"),
    version: z.number().int(),
  })
  .meta({ id: "Location" });

const present = (l: typeof locations.$inferSelect): z.infer<typeof locationSchema> => ({
  id: l.id,
  name: l.name,
  timeZone: l.timeZone,
  currency: l.currency,
  locale: l.locale,
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
  phone: l.phone,
  email: l.email,
  bookingCapacityPerHour: l.bookingCapacityPerHour,
  labourRate: l.labourRate,
  billingMode: l.billingMode,
  billingTolerancePct: l.billingTolerancePct,
  paymentProvider: l.paymentProvider,
  paymentMethods: l.paymentMethods,
  taxNumber: l.taxNumber,
  eInvoiceAddress: l.eInvoiceAddress,
  eInvoiceDefault: l.eInvoiceDefault,
  version: l.version,
});

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const locationChanges = z.object({
  name: requiredText(100, "Enter the location's name."),
  timeZone: z.string().refine(isTimeZone, "Use an IANA time zone such as Europe/Berlin."),
  legalName: requiredText(200, "Enter the legal name printed on invoices."),
  street: requiredText(200, "Enter the street."),
  postalCode: requiredText(20, "Enter the postal code."),
  city: requiredText(100, "Enter the city."),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use the two-letter country code, e.g. DE."),
  vatId: optionalText(30),
  registerCourt: optionalText(100),
  registerNumber: optionalText(40).transform((v) => v?.replace(/\s+/g, " ") ?? null),
  managingDirectors: z
    .array(requiredText(100, "Enter the managing director's full name."))
    .max(20)
    .refine((names) => new Set(names).size === names.length, "Each managing director once."),
  iban: optionalText(34).transform((v) => v?.replace(/\s/g, "").toUpperCase() ?? null),
  bic: optionalText(11).transform((v) => v?.toUpperCase() ?? null),
  phone: optionalText(50),
  email: optionalEmail,
  bookingCapacityPerHour: z.number().int().min(1, "At least one booking per hour.").max(100),
  labourRate: z
    .number()
    .int("The labour rate is whole minor units (cents).")
    .min(0, "The labour rate cannot be negative.")
    .max(10_000_000),
  billingMode: z.enum(billingModes, "Choose approved hours or clocked hours."),
  billingTolerancePct: z
    .number("Enter the tolerance in percent.")
    .int("The tolerance is a whole percent.")
    .min(0, "The tolerance cannot be negative.")
    .max(100, "The tolerance is at most 100 %."),
  paymentProvider: z.enum(["sandbox", "stripe"], "Choose the sandbox or Stripe."),
  paymentMethods: z
    .array(z.enum(paymentMethods))
    .min(1, "Offer at least one way to pay.")
    .refine((m) => new Set(m).size === m.length, "Each method once."),
  taxNumber: optionalText(30),
  eInvoiceAddress: optionalEmail,
  eInvoiceDefault: z.enum(eInvoiceFormats, "Choose none, zugferd, xrechnung_cii or xrechnung_ubl."),
});

const legalFields = [
  "legalName",
  "country",
  "registerCourt",
  "registerNumber",
  "managingDirectors",
] as const satisfies readonly (keyof z.infer<typeof locationChanges>)[];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM (24 h).");
const openingHoursSchema = z
  .object({
    days: z
      .array(z.object({ weekday: z.number().int().min(1).max(7), opens: hhmm, closes: hhmm }))
      .max(7)
      .refine(
        (days) => new Set(days.map((d) => d.weekday)).size === days.length,
        "Each weekday at most once.",
      )
      .refine((days) => days.every((d) => d.opens < d.closes), "Opening must be before closing."),
  })
  .meta({ id: "OpeningHours" });

const userSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(staffRoles),
    active: z.boolean(),
  })
  .meta({ id: "StaffUser" });

export const settingsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const load = async (organisationId: string, id: string) => {
    const [row] = await db
      .select()
      .from(locations)
      .where(and(eq(locations.id, id), eq(locations.organisationId, organisationId)));
    return row!;
  };

  app.get(
    "/settings/location",
    {
      config: { access: "staff", permission: "settings:read" },
      schema: {
        tags: ["settings"],
        summary: "The signed-in user's location",
        response: { 200: locationSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      return present(await load(actor.organisationId, actor.locationId));
    },
  );

  app.patch(
    "/settings/location",
    {
      config: { access: "staff", permission: "settings:write" },
      schema: {
        tags: ["settings"],
        summary: "Change the location's details (send the version you loaded)",
        body: locationChanges.partial().extend({ version }),
        response: { 200: locationSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const { version: v, ...changes } = request.body;
      // The legal details are checked as a whole once any of them changes: a form that saves the
      // booking capacity never trips over an address entered before the rule existed.
      if (legalFields.some((field) => field in changes)) {
        const current = await load(actor.organisationId, actor.locationId);
        checkLegalDetails({ ...current, ...changes });
      }
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(locations)
          .set({ ...changes, version: sql`${locations.version} + 1`, updatedAt: new Date() })
          .where(
            and(
              eq(locations.id, actor.locationId),
              eq(locations.organisationId, actor.organisationId),
              eq(locations.version, v),
            ),
          )
          .returning({ id: locations.id });
        if (updated.length === 0) throw staleVersion("location");
        await recordAudit(tx, actor, {
          entityType: "location",
          entityId: actor.locationId,
          action: "update",
          data: { changed: Object.keys(changes) },
        });
      });
      return present(await load(actor.organisationId, actor.locationId));
    },
  );

  app.get(
    "/users",
    {
      config: { access: "staff", permission: "users:manage" },
      schema: {
        tags: ["settings"],
        summary: "Staff users of the location",
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async (request) => {
      return { items: await listStaffUsers(db, staffOf(request)) };
    },
  );

  const presentUser = (u: typeof staffUsers.$inferSelect) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    active: u.active,
  });

  app.post(
    "/users",
    {
      config: { access: "staff", permission: "users:manage" },
      schema: {
        tags: ["settings"],
        summary: "Add a staff user to the location",
        body: z.object({
          name: requiredText(100, "Enter the person's name."),
          email,
          role: z.enum(staffRoles, "Choose a role."),
          password: z.string().min(12, "Use at least 12 characters.").max(200),
          language: z.enum(languages).default("de"),
        }),
        response: { 201: userSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentUser(await createStaffUser(db, staffOf(request), request.body))),
  );

  app.patch(
    "/users/:id",
    {
      config: { access: "staff", permission: "users:manage" },
      schema: {
        tags: ["settings"],
        summary: "Change a staff user's name, role or access (deactivating signs them out)",
        params: idParams,
        body: z.object({
          name: requiredText(100, "Enter the person's name.").optional(),
          role: z.enum(staffRoles).optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: userSchema },
      },
    },
    async (request) =>
      presentUser(await updateStaffUser(db, staffOf(request), request.params.id, request.body)),
  );

  app.get(
    "/settings/opening-hours",
    {
      config: { access: "staff", permission: "settings:read" },
      schema: {
        tags: ["settings"],
        summary: "Opening hours per weekday (1 = Monday); missing days are closed",
        response: { 200: openingHoursSchema },
      },
    },
    async (request) => ({ days: await loadOpeningHours(db, staffOf(request).locationId) }),
  );

  app.put(
    "/settings/opening-hours",
    {
      config: { access: "staff", permission: "settings:write" },
      schema: {
        tags: ["settings"],
        summary: "Replace the opening hours",
        body: openingHoursSchema,
        response: { 200: openingHoursSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      await db.transaction(async (tx) => {
        await tx.delete(openingHours).where(eq(openingHours.locationId, actor.locationId));
        if (request.body.days.length) {
          await tx.insert(openingHours).values(
            request.body.days.map((d) => ({
              ...d,
              organisationId: actor.organisationId,
              locationId: actor.locationId,
            })),
          );
        }
        await recordAudit(tx, actor, {
          entityType: "location",
          entityId: actor.locationId,
          action: "opening-hours",
          data: { days: request.body.days },
        });
      });
      return { days: await loadOpeningHours(db, actor.locationId) };
    },
  );
};
