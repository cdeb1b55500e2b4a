import { type Query, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { bookingKeys } from "../bookings/bookingApi";
import { estimateKeys } from "../estimates/estimateApi";
import { invoiceKeys } from "../shop/invoices/invoiceApi";

/**
 * The Service Board, work orders, the technician's clock, each unit's work list
 * (["units", unitId, "work-items"]) and the portal's work orders (["portal", "work-orders", …]) follow
 * estimates and work orders.
 */
function isWorkQuery(query: Query): boolean {
  const [first, second, third] = query.queryKey;
  return (
    first === "service-board" ||
    (first === "portal" && second === "work-orders") ||
    (first === "portal" && second === "extensions") ||
    first === "work-orders" ||
    first === "clock" ||
    (first === "units" && third === "work-items")
  );
}

/**
 * One EventSource per tab (GET /api/v1/events). On (re)connect everything live is refetched, since
 * events may have been missed; on `booking-request.changed` the booking lists, details and slots; on
 * `estimate.changed` every estimate list and detail plus the work that approved estimates put on the
 * Service Board. Used by the shop and portal layouts; closed on unmount (which is also what happens
 * on logout). Only queries in use refetch at once; the rest are marked stale.
 */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/v1/events");
    const bookings = () => void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
    const estimates = () => {
      void queryClient.invalidateQueries({ queryKey: estimateKeys.all });
      void queryClient.invalidateQueries({ predicate: isWorkQuery });
    };
    const everything = () => {
      bookings();
      estimates();
    };
    source.addEventListener("ready", everything);
    source.addEventListener("booking-request.changed", bookings);
    source.addEventListener("estimate.changed", estimates);
    const work = () => void queryClient.invalidateQueries({ predicate: isWorkQuery });
    source.addEventListener("work-order.changed", work);
    // The bell (["notifications"]); inspections live under ["work-orders", id, "inspection"] and follow `work`.
    const notifications = () => void queryClient.invalidateQueries({ queryKey: ["notifications"] });
    source.addEventListener("notification.created", notifications);
    // Invoice lists, details and the work-order → invoice lookups (["invoices", …]).
    const invoices = () => void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
    source.addEventListener("invoice.changed", invoices);
    source.addEventListener("ready", invoices);
    source.addEventListener("ready", notifications);
    return () => {
      source.removeEventListener("work-order.changed", work);
      source.removeEventListener("notification.created", notifications);
      source.removeEventListener("invoice.changed", invoices);
      source.removeEventListener("ready", invoices);
      source.removeEventListener("ready", notifications);
      source.removeEventListener("ready", everything);
      source.removeEventListener("booking-request.changed", bookings);
      source.removeEventListener("estimate.changed", estimates);
      source.close();
    };
  }, [queryClient]);
}
