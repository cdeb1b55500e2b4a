import { notifications } from "@mantine/notifications";
import { i18n } from "../i18n";

/** Success toast whose close button has an accessible (translated) name. */
export function notifySuccess(message: string): void {
  notifications.show({
    color: "green",
    message,
    closeButtonProps: { "aria-label": i18n.t("common.close") },
  });
}
