import { Badge, Text } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { CustomerLinkState, OutboxCustomerLink, OutboxStatus } from "../../types";

const STATUS_COLOR: Record<OutboxStatus, string> = {
  queued: "yellow",
  sent: "green",
  stored: "blue",
  failed: "red",
};

export function StatusBadge({ status }: { status: OutboxStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLOR[status] ?? "gray"} radius="sm" className="pl-badge-full">
      {t(`outbox.status_${status}`, { defaultValue: status })}
    </Badge>
  );
}

const LINK_COLOR: Record<CustomerLinkState, string> = {
  active: "green",
  used: "gray",
  expired: "orange",
  cancelled: "red",
};

export function LinkBadge({ link }: { link: OutboxCustomerLink | null }) {
  const { t } = useTranslation();
  if (!link) {
    return (
      <Text size="sm" c="dimmed">
        {t("outbox.noLink")}
      </Text>
    );
  }
  return (
    <Badge
      variant="light"
      color={LINK_COLOR[link.state]}
      radius="sm"
      className="pl-badge-full"
      leftSection={<IconLock size={12} aria-hidden />}
    >
      {t(`outbox.linkState_${link.state}`)}
    </Badge>
  );
}
