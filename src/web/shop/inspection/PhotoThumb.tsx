import { Button, Stack, Text } from "@mantine/core";
import { IconArrowBackUp } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { InspectionPhoto } from "./inspectionApi";

/** A photo of an item, opened full size in a new tab; one sent back says why. */
export function PhotoThumb({
  photo,
  number,
  itemLabel,
  canSendBack,
  onSendBack,
}: {
  photo: InspectionPhoto;
  number: number;
  itemLabel: string;
  canSendBack: boolean;
  onSendBack: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} w={photo.rejected ? 180 : 88}>
      <a
        className="pl-photo-link"
        href={photo.url}
        target="_blank"
        rel="noreferrer"
        aria-label={t("inspection.openPhoto", { number, item: itemLabel })}
      >
        <img
          className="pl-photo"
          src={photo.url}
          alt={t("inspection.photoAlt", { number, item: itemLabel })}
          loading="lazy"
          data-rejected={photo.rejected || undefined}
        />
      </a>
      {photo.rejected ? (
        <Text size="xs" c="red.9" fw={600} style={{ overflowWrap: "anywhere" }}>
          {photo.rejectionNote
            ? t("inspection.sentBackNote", { note: photo.rejectionNote })
            : t("inspection.sentBackBadge")}
        </Text>
      ) : null}
      {canSendBack ? (
        <Button
          size="xs"
          h={44}
          px={6}
          variant="subtle"
          color="red.9"
          leftSection={<IconArrowBackUp size={16} aria-hidden />}
          aria-label={t("inspection.sendBackFor", { number, item: itemLabel })}
          onClick={onSendBack}
        >
          {t("inspection.sendBack")}
        </Button>
      ) : null}
    </Stack>
  );
}
