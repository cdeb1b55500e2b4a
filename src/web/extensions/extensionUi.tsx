// Pieces shared by the shop's qualification section and the customer's extension pages: urgency and
// availability tags, photo thumbnails that open larger, the labour and parts of one item.
import { Badge, Group, Stack, Text } from "@mantine/core";
import { IconAlertOctagon, IconAlertTriangle, IconCheck, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMoney } from "../estimates/estimateUi";
import { AppModal } from "../shared/AppModal";
import type { Availability, ExtensionItem, Photo, Urgency } from "./extensionApi";
import "./extension.css";

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation();
  const Icon = urgency === "urgent" ? IconAlertOctagon : IconAlertTriangle;
  return (
    <span className="pl-urgency" data-urgency={urgency}>
      <Icon size={16} aria-hidden />
      {t(`extension.urgency.${urgency}`)}
    </span>
  );
}

const AVAILABILITY_COLORS: Record<Availability, string> = {
  in_stock: "green",
  next_day: "blue",
  on_order: "orange",
};

export function AvailabilityBadge({ availability }: { availability: Availability }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={AVAILABILITY_COLORS[availability]}
      radius="sm"
      tt="none"
      className="pl-badge-full"
      style={{ flexShrink: 0 }}
    >
      {t(`extension.availability.${availability}`)}
    </Badge>
  );
}

export function DecisionTag({ approved }: { approved: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={approved ? "green" : "red"}
      radius="sm"
      tt="none"
      className="pl-badge-full"
      leftSection={approved ? <IconCheck size={14} aria-hidden /> : <IconX size={14} aria-hidden />}
      style={{ flexShrink: 0 }}
    >
      {approved ? t("extension.approved") : t("extension.declined")}
    </Badge>
  );
}

/** Thumbnails (buttons) that open the photo large in a dialog. */
export function PhotoStrip({
  photos,
  itemLabel,
  size = "md",
}: {
  photos: Photo[];
  itemLabel: string;
  size?: "md" | "lg";
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return null;
  const current = open === null ? undefined : photos[open];
  return (
    <>
      <ul className="pl-ext-photos" aria-label={t("extension.photosOf", { item: itemLabel })}>
        {photos.map((photo, index) => (
          <li key={photo.id}>
            <button
              type="button"
              className="pl-ext-photo-button"
              data-size={size}
              aria-label={t("extension.openPhoto", { number: index + 1, item: itemLabel })}
              onClick={() => setOpen(index)}
            >
              <img src={photo.url} alt="" loading="lazy" />
            </button>
          </li>
        ))}
      </ul>
      <AppModal
        opened={current !== undefined}
        onClose={() => setOpen(null)}
        size="xl"
        centered
        title={open === null ? "" : t("extension.photoTitle", { number: open + 1, item: itemLabel })}
      >
        {current && open !== null ? (
          <img
            className="pl-ext-photo-large"
            src={current.url}
            alt={t("extension.photoAlt", { number: open + 1, item: itemLabel })}
          />
        ) : null}
      </AppModal>
    </>
  );
}

/** The labour line and the parts of one item, for the customer (gross prices) or the shop (net). */
export function ItemLines({ item, currency }: { item: ExtensionItem; currency: string }) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const hours = fmt.quantity(item.hoursMilli);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm">
          {item.pricing === "flat"
            ? t("extension.labourFlat", { hours })
            : t("extension.labourHourly", { hours, rate: fmt.money(item.unitPrice ?? 0) })}
        </Text>
        <Text size="sm" className="pl-num" style={{ whiteSpace: "nowrap" }}>
          {fmt.money(
            item.pricing === "flat"
              ? (item.unitPrice ?? 0)
              : Math.round(((item.unitPrice ?? 0) * item.hoursMilli) / 1000),
          )}
        </Text>
      </Group>
      {item.parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of a frozen offer never reorder
        <Stack key={index} gap={2}>
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {`${fmt.quantity(part.quantityMilli)} × ${part.description}`}
            </Text>
            <Text size="sm" className="pl-num" style={{ whiteSpace: "nowrap" }}>
              {fmt.money(Math.round((part.unitPrice * part.quantityMilli) / 1000))}
            </Text>
          </Group>
          <Group gap="xs" wrap="wrap">
            {part.partNumber ? (
              <Text size="xs" c="dimmed" className="pl-num">
                {t("extension.partNo", { number: part.partNumber })}
              </Text>
            ) : null}
            <AvailabilityBadge availability={part.availability} />
          </Group>
        </Stack>
      ))}
      <Text size="xs" c="dimmed">
        {t("extension.netHint")}
      </Text>
    </Stack>
  );
}

/** Sent (waiting for the customer) / Decided. */
export function ExtensionStatusBadge({
  status,
  audience = "shop",
  size = "md",
}: {
  status: "sent" | "decided";
  audience?: "shop" | "customer";
  size?: "sm" | "md" | "lg";
}) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={status === "sent" ? "yellow" : "green"}
      size={size}
      radius="sm"
      tt="none"
      className="pl-badge-full"
      style={{ flexShrink: 0 }}
    >
      {audience === "customer" ? t(`extensionCustomer.status.${status}`) : t(`extension.status.${status}`)}
    </Badge>
  );
}
