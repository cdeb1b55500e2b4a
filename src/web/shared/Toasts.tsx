import { Notifications } from "@mantine/notifications";

/**
 * Where toasts appear. Loaded after the first screen (App.tsx renders it lazily): toasts shown before
 * it arrives wait in @mantine/notifications' store and appear when it mounts.
 */
export default function Toasts() {
  return (
    <Notifications
      position="top-right"
      zIndex={1000}
      limit={3}
      className="pl-notifications"
      transitionDuration={0}
    />
  );
}
