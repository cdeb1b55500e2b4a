import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  Textarea,
  VisuallyHidden,
} from "@mantine/core";
import { IconAlertCircle, IconCamera } from "@tabler/icons-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { InspectionItem, InspectionPhoto } from "./inspectionApi";
import { PhotoThumb } from "./PhotoThumb";
import { RatingControl } from "./RatingControl";
import { RatingTag } from "./RatingTag";
import { SendBackModal } from "./SendBackModal";
import { useItemEdits, usePhotoUpload } from "./useItemEdits";
import type { Saver } from "./useItemSaver";

export function ItemCard({
  item,
  workOrderId,
  editable,
  canSendBack,
  save,
}: {
  item: InspectionItem;
  workOrderId: string;
  editable: boolean;
  canSendBack: boolean;
  save: Saver;
}) {
  const { t } = useTranslation();
  const { noteRef, note, setNote, rating, setRating, partsNeeded, setPartsNeeded, error, change, saveNote } =
    useItemEdits(item, workOrderId, save);
  const { fileRef, progress, photoError, addPhoto } = usePhotoUpload(item, workOrderId);
  const [sendingBack, setSendingBack] = useState<{ photo: InspectionPhoto; number: number } | null>(null);
  const errorId = useId();

  const uploading = progress !== null;
  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="sm"
      bg="white"
      className="pl-inspection-item"
      data-rating={item.rating ?? "none"}
      aria-label={item.label}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="center" gap="sm">
          <Group gap="xs" style={{ minWidth: 0, flex: "1 1 12rem" }}>
            <Text fw={600} style={{ overflowWrap: "anywhere" }}>
              {item.label}
            </Text>
            {!editable ? <RatingTag rating={item.rating} /> : null}
            {item.partsNeeded && !editable ? (
              <Badge variant="outline" color="dark">
                {t("inspection.partsNeeded")}
              </Badge>
            ) : null}
          </Group>
          {editable ? (
            <RatingControl
              label={t("inspection.ratingFor", { item: item.label })}
              value={rating}
              onChange={(next) => {
                setRating(next);
                void change({ rating: next });
              }}
            />
          ) : null}
        </Group>

        {editable ? (
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Textarea
              ref={noteRef}
              style={{ flex: "1 1 16rem" }}
              label={t("inspection.note")}
              aria-label={t("inspection.noteFor", { item: item.label })}
              placeholder={t("inspection.notePlaceholder")}
              autosize
              minRows={1}
              maxRows={6}
              maxLength={2000}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              onBlur={saveNote}
              styles={{ input: { minHeight: 44 } }}
            />
            <Checkbox
              size="md"
              label={t("inspection.partsNeeded")}
              aria-label={t("inspection.partsNeededFor", { item: item.label })}
              checked={partsNeeded}
              onChange={(event) => {
                const next = event.currentTarget.checked;
                setPartsNeeded(next);
                void change({ partsNeeded: next });
              }}
              styles={{ body: { alignItems: "center", minHeight: 44 } }}
            />
            <input
              ref={fileRef}
              type="file"
              accept="image/*"
              capture="environment"
              hidden
              aria-label={t("inspection.addPhotoFor", { item: item.label })}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                if (file) void addPhoto(file);
              }}
            />
            <Button
              h={44}
              variant="default"
              leftSection={<IconCamera size={20} aria-hidden />}
              loading={uploading}
              disabled={uploading}
              aria-describedby={photoError ? errorId : undefined}
              onClick={() => fileRef.current?.click()}
            >
              {t("inspection.addPhoto")}
              <VisuallyHidden>{` ${item.label}`}</VisuallyHidden>
            </Button>
          </Group>
        ) : item.note ? (
          <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
            {item.note}
          </Text>
        ) : null}

        {item.photos.length > 0 ? (
          <Group gap="sm" align="flex-start" wrap="wrap">
            {item.photos.map((photo, index) => (
              <PhotoThumb
                key={photo.id}
                photo={photo}
                number={index + 1}
                itemLabel={item.label}
                canSendBack={canSendBack && !photo.rejected}
                onSendBack={() => setSendingBack({ photo, number: index + 1 })}
              />
            ))}
          </Group>
        ) : null}

        {uploading ? (
          <Stack gap={4}>
            <Text size="sm" role="status">
              {t("inspection.uploading", { percent: Math.round((progress ?? 0) * 100) })}
            </Text>
            <Progress value={(progress ?? 0) * 100} aria-hidden />
          </Stack>
        ) : null}
        {photoError ? (
          <Alert id={errorId} color="red" icon={<IconAlertCircle aria-hidden />} role="alert" p="xs">
            <Text size="sm">{photoError}</Text>
          </Alert>
        ) : null}
        {error ? (
          <Alert color="orange" icon={<IconAlertCircle aria-hidden />} role="alert" p="xs">
            <Text size="sm">{error}</Text>
          </Alert>
        ) : null}
      </Stack>
      <SendBackModal
        target={sendingBack}
        itemLabel={item.label}
        workOrderId={workOrderId}
        onClose={() => setSendingBack(null)}
      />
    </Paper>
  );
}
