import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { bookingKeys } from "./bookingApi";

/**
 * One EventSource per tab (GET /api/v1/events): on (re)connect and on every booking-request change,
 * refetch the booking lists, details and slots. Used by the shop and portal layouts; closed on unmount
 * (which is also what happens on logout).
 */
export function useLiveBookings(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/v1/events");
    const refresh = () => void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
    source.addEventListener("ready", refresh);
    source.addEventListener("booking-request.changed", refresh);
    return () => {
      source.removeEventListener("ready", refresh);
      source.removeEventListener("booking-request.changed", refresh);
      source.close();
    };
  }, [queryClient]);
}
