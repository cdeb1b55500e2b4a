// What every step of the seed's SQL needs to know: the shop's ids, "now", the counts, the staff, and
// the SQL spellings of them.
import type { Basket, CounterSale, goodwillCatalogue, Offer } from "./catalogue";
import type { VolumeCounts } from "./counts";
import type { SeededShop, StaffRef } from "./shop";
import { lit, textArray } from "./sql";

export interface SeedContext {
  seed: string;
  now: Date;
  counts: VolumeCounts;
  shop: SeededShop;
  baskets: Basket[];
  sales: CounterSale[];
  goodwill: ReturnType<typeof goodwillCatalogue>;
  offers: Offer[];
  /** Where links in the seeded mails point (PUBLIC_URL of the shop). */
  publicUrl: string;
}

export const zone = "'Europe/Berlin'";

/** SQL fragments used throughout. */
export function sqlNames(ctx: SeedContext) {
  const staffArrays = (list: StaffRef[]) => ({
    ids: textArray(list.map((s) => s.id)),
    names: textArray(list.map((s) => s.name)),
    count: list.length,
  });
  return {
    org: lit(ctx.shop.organisationId),
    loc: lit(ctx.shop.locationId),
    now: `${lit(ctx.now.toISOString())}::timestamptz`,
    /** A timestamptz as the location's wall clock (timestamp without time zone). */
    local: (ts: string) => `((${ts}) at time zone ${zone})`,
    /** The location's calendar day of an instant, as the app stores dates: yyyy-mm-dd text. */
    day: (ts: string) => `to_char((${ts}) at time zone ${zone}, 'YYYY-MM-DD')`,
    advisors: staffArrays(ctx.shop.byRole("service_advisor")),
    technicians: staffArrays(ctx.shop.byRole("technician")),
    accounting: staffArrays(ctx.shop.byRole("accounting")),
    parts: staffArrays(ctx.shop.byRole("parts")),
    publicUrl: lit(ctx.publicUrl),
  };
}

export type SqlNames = ReturnType<typeof sqlNames>;
