// The inspection (vehicle health check) on a work order: the technician rates every checklist item
// ok / attention / urgent with a note, "parts needed" and photos from the tablet camera, then marks it
// complete, which notifies the service advisor. The advisor can send a photo back. Complete
// inspections are read-only.
import {
  Accordion,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Progress,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import {
  IconAlertCircle,
  IconAlertOctagon,
  IconAlertTriangle,
  IconArrowBackUp,
  IconCamera,
  IconCircleCheck,
  IconCircleDashed,
  IconClipboardCheck,
  IconLock,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import {
  type ComponentType,
  type FormEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../api";
import { AppModal } from "../../shared/AppModal";
import { useFormat } from "../../shared/format";
import { notifySuccess } from "../../shared/notify";
import { useCan, useCurrentSession } from "../../shared/session";
import { errorMessage, FormError, QueryError } from "../../shared/ui";
import {
  type Inspection,
  type InspectionItem,
  type InspectionPhoto,
  type InspectionResponse,
  inspectionKey,
  MAX_PHOTO_BYTES,
  RATINGS,
  type Rating,
  uploadPhoto,
  useApplyInspection,
  useInspection,
} from "./inspectionApi";
import "./inspection.css";

type IconType = ComponentType<{ size?: number; stroke?: number; "aria-hidden"?: boolean }>;

const RATING_ICONS: Record<Rating, IconType> = {
  ok: IconCircleCheck,
  attention: IconAlertTriangle,
  urgent: IconAlertOctagon,
};

/** A rating as a coloured label with its icon and word (never colour alone). */
export function RatingTag({ rating }: { rating: Rating | null }) {
  const { t } = useTranslation();
  const Icon = rating ? RATING_ICONS[rating] : IconCircleDashed;
  return (
    <span className="pl-rating-tag" data-rating={rating ?? "none"}>
      <Icon size={16} aria-hidden />
      {rating ? t(`inspection.rating.${rating}`) : t("inspection.notRated")}
    </span>
  );
}

export function InspectionSection({ workOrderId }: { workOrderId: string }) {
  const { t } = useTranslation();
  const query = useInspection(workOrderId);
  const headingId = useId();

  let body: ReactNode;
  if (query.isPending) {
    body = (
      <Stack gap="sm" aria-busy="true">
        <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>
        <Skeleton height={44} radius="sm" />
        <Skeleton height={120} radius="sm" />
      </Stack>
    );
  } else if (query.isError) {
    body = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  } else if (!query.data.inspection) {
    body = <StartInspection workOrderId={workOrderId} />;
  } else {
    body = <InspectionView workOrderId={workOrderId} inspection={query.data.inspection} />;
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Title order={2} id={headingId}>
          {t("inspection.title")}
        </Title>
        {query.data?.inspection ? (
          <Badge
            size="lg"
            variant="light"
            color={query.data.inspection.status === "complete" ? "green" : "blue"}
            leftSection={
              query.data.inspection.status === "complete" ? <IconLock size={14} aria-hidden /> : null
            }
          >
            {query.data.inspection.status === "complete"
              ? t("inspection.complete")
              : t("inspection.inProgress")}
          </Badge>
        ) : null}
      </Group>
      {body}
    </Paper>
  );
}

function StartInspection({ workOrderId }: { workOrderId: string }) {
  const { t } = useTranslation();
  const canWrite = useCan("inspections:write");
  const apply = useApplyInspection(workOrderId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      apply(
        await api.post<InspectionResponse>(
          `/api/v1/work-orders/${encodeURIComponent(workOrderId)}/inspection`,
          {},
        ),
      );
      notifySuccess(t("inspection.started"));
    } catch (e) {
      setError(errorMessage(e, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };
  if (!canWrite) {
    return (
      <Text size="sm" c="dimmed">
        {t("inspection.noneReadOnly")}
      </Text>
    );
  }
  return (
    <Stack gap="sm" align="flex-start">
      <Text size="sm">{t("inspection.none")}</Text>
      <FormError message={error} />
      <Button
        h={44}
        leftSection={<IconClipboardCheck size={20} aria-hidden />}
        loading={busy}
        onClick={() => void start()}
      >
        {t("inspection.start")}
      </Button>
    </Stack>
  );
}

/**
 * Saves item changes one after another per item, each with the version the cache holds when it runs
 * (a note saved on blur and a rating tapped right after must not race each other into a 409).
 */
function useItemSaver(workOrderId: string) {
  const queryClient = useQueryClient();
  const apply = useApplyInspection(workOrderId);
  const chains = useRef(new Map<string, Promise<unknown>>());
  return (itemId: string, change: Partial<Pick<InspectionItem, "rating" | "note" | "partsNeeded">>) => {
    const run = async () => {
      const cached = queryClient.getQueryData<InspectionResponse>(inspectionKey(workOrderId));
      const current = cached?.inspection?.areas.flatMap((a) => a.items).find((i) => i.id === itemId);
      if (!current) throw new Error("item not loaded");
      const response = await api.patch<InspectionResponse>(
        `/api/v1/inspection-items/${encodeURIComponent(itemId)}`,
        { ...change, version: current.version },
      );
      apply(response);
      return response;
    };
    // Show the change at once (a tapped rating or checkbox must not wait for the network).
    queryClient.setQueryData<InspectionResponse>(inspectionKey(workOrderId), (old) =>
      old?.inspection
        ? {
            inspection: {
              ...old.inspection,
              areas: old.inspection.areas.map((area) => ({
                ...area,
                items: area.items.map((i) => (i.id === itemId ? { ...i, ...change } : i)),
              })),
            },
          }
        : old,
    );
    const previous = chains.current.get(itemId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(run);
    chains.current.set(itemId, next);
    return next;
  };
}

function InspectionView({ workOrderId, inspection }: { workOrderId: string; inspection: Inspection }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canWrite = useCan("inspections:write");
  const canAdvise = useCan("work-orders:write");
  const apply = useApplyInspection(workOrderId);
  const save = useItemSaver(workOrderId);
  const editable = canWrite && inspection.status === "in_progress";
  const [confirming, setConfirming] = useState(false);
  const [completing, setCompleting] = useState(false);
  const [completeError, setCompleteError] = useState<string | null>(null);
  const [openAreas, setOpenAreas] = useState<string[]>(() =>
    inspection.areas.map((_, index) => `area-${index}`),
  );

  const complete = async () => {
    setCompleting(true);
    setCompleteError(null);
    try {
      apply(
        await api.post<InspectionResponse>(
          `/api/v1/work-orders/${encodeURIComponent(workOrderId)}/inspection/complete`,
          {},
        ),
      );
      notifySuccess(t("inspection.completed"));
    } catch (e) {
      setCompleteError(errorMessage(e, t("errors.saveFailed")));
    } finally {
      setCompleting(false);
      setConfirming(false);
    }
  };

  const { counts } = inspection;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" gap="sm">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t("inspection.checklist", { name: inspection.templateName })}
          </Text>
          <Group gap="xs" role="group" aria-label={t("inspection.summary")}>
            <span className="pl-rating-tag" data-rating="ok">
              <IconCircleCheck size={16} aria-hidden />
              {t("inspection.counts.ok", { count: counts.ok })}
            </span>
            <span className="pl-rating-tag" data-rating="attention">
              <IconAlertTriangle size={16} aria-hidden />
              {t("inspection.counts.attention", { count: counts.attention })}
            </span>
            <span className="pl-rating-tag" data-rating="urgent">
              <IconAlertOctagon size={16} aria-hidden />
              {t("inspection.counts.urgent", { count: counts.urgent })}
            </span>
            {counts.open > 0 ? (
              <span className="pl-rating-tag" data-rating="none">
                <IconCircleDashed size={16} aria-hidden />
                {t("inspection.counts.open", { count: counts.open })}
              </span>
            ) : null}
          </Group>
        </Stack>
        {editable ? (
          <Button
            h={44}
            leftSection={<IconClipboardCheck size={20} aria-hidden />}
            onClick={() => {
              setCompleteError(null);
              setConfirming(true);
            }}
          >
            {t("inspection.completeButton")}
          </Button>
        ) : null}
      </Group>

      {completeError ? (
        <Alert
          color="red"
          icon={<IconAlertCircle aria-hidden />}
          title={t("errors.saveFailed")}
          role="alert"
          withCloseButton
          closeButtonLabel={t("common.close")}
          onClose={() => setCompleteError(null)}
        >
          <Text size="sm">{completeError}</Text>
        </Alert>
      ) : null}

      {inspection.status === "complete" ? (
        <Alert color="gray" icon={<IconLock aria-hidden />} role="note">
          {inspection.completedAt
            ? `${t("inspection.completedAt", { date: format.dateTime(inspection.completedAt) })}. `
            : null}
          {t("inspection.readOnly")}
        </Alert>
      ) : null}

      <Accordion multiple value={openAreas} onChange={setOpenAreas} variant="separated" order={3}>
        {inspection.areas.map((area, areaIndex) => {
          const rated = area.items.filter((i) => i.rating !== null).length;
          return (
            <Accordion.Item key={area.area} value={`area-${areaIndex}`}>
              <Accordion.Control mih={48}>
                <Group justify="space-between" gap="xs" wrap="nowrap" pr="xs">
                  <Text fw={700}>{area.area}</Text>
                  <Text size="sm" c={rated === area.items.length ? "#1e5b2e" : "dimmed"} className="pl-num">
                    {t("inspection.areaProgress", { rated, total: area.items.length })}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
                  {area.items.map((item) => (
                    <ItemCard
                      key={item.id}
                      item={item}
                      workOrderId={workOrderId}
                      editable={editable}
                      canSendBack={canAdvise && inspection.status === "in_progress"}
                      save={save}
                    />
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>

      <AppModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t("inspection.completeTitle")}
        centered
      >
        <Stack gap="md">
          <Text size="sm">{t("inspection.completeBody")}</Text>
          <Group gap="xs">
            <RatingTag rating="ok" />
            <Text size="sm" className="pl-num">
              {counts.ok}
            </Text>
            <RatingTag rating="attention" />
            <Text size="sm" className="pl-num">
              {counts.attention}
            </Text>
            <RatingTag rating="urgent" />
            <Text size="sm" className="pl-num">
              {counts.urgent}
            </Text>
          </Group>
          <Group justify="flex-end" gap="sm">
            <Button h={44} variant="default" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </Button>
            <Button h={44} loading={completing} onClick={() => void complete()}>
              {t("inspection.completeConfirm")}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Stack>
  );
}

type Saver = ReturnType<typeof useItemSaver>;

function ItemCard({
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
  const queryClient = useQueryClient();
  const session = useCurrentSession();
  const apply = useApplyInspection(workOrderId);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState(item.note ?? "");
  // Local copies so a tap shows at once (the query cache notifies on the next tick).
  const [rating, setRating] = useState(item.rating);
  const [partsNeeded, setPartsNeeded] = useState(item.partsNeeded);
  // While this item has saves under way, an answer to an earlier one (or a live refetch) must not
  // undo a later tap: follow the server only when nothing is pending.
  const pending = useRef(0);
  useEffect(() => {
    if (pending.current > 0) return;
    setRating(item.rating);
    setPartsNeeded(item.partsNeeded);
  }, [item.rating, item.partsNeeded]);
  const cachedItem = () =>
    queryClient
      .getQueryData<InspectionResponse>(inspectionKey(workOrderId))
      ?.inspection?.areas.flatMap((a) => a.items)
      .find((i) => i.id === item.id);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [sendingBack, setSendingBack] = useState<{ photo: InspectionPhoto; number: number } | null>(null);
  const errorId = useId();

  // Follow the server's note (someone else's change, a reload) unless the user is typing in it.
  useEffect(() => {
    if (document.activeElement !== noteRef.current) setNote(item.note ?? "");
  }, [item.note]);

  const change = async (patch: Partial<Pick<InspectionItem, "rating" | "note" | "partsNeeded">>) => {
    setError(null);
    pending.current += 1;
    try {
      await save(item.id, patch);
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        await queryClient.invalidateQueries({ queryKey: inspectionKey(workOrderId) });
        setNote(cachedItem()?.note ?? "");
        setError(e.hasType("stale-version") ? t("inspection.stale", { item: item.label }) : e.detail);
        return;
      }
      setError(errorMessage(e, t("errors.saveFailed")));
      // Drop the optimistic change: show what the server holds.
      await queryClient.invalidateQueries({ queryKey: inspectionKey(workOrderId) });
    } finally {
      pending.current -= 1;
      const latest = pending.current === 0 ? cachedItem() : undefined;
      if (latest) {
        setRating(latest.rating);
        setPartsNeeded(latest.partsNeeded);
      }
    }
  };

  const saveNote = () => {
    const value = note.trim();
    if (value === (item.note ?? "")) return;
    void change({ note: value || null });
  };

  const addPhoto = async (file: File) => {
    setPhotoError(null);
    if (file.size > MAX_PHOTO_BYTES) {
      setPhotoError(t("inspection.photoTooLarge"));
      return;
    }
    setProgress(0);
    try {
      apply(await uploadPhoto(item.id, file, session.csrfToken, setProgress));
      notifySuccess(t("inspection.photoAdded"));
    } catch (e) {
      if (isApiError(e) && e.status === 413) setPhotoError(t("inspection.photoTooLarge"));
      else if (isApiError(e) && e.status === 415) setPhotoError(t("inspection.notAPhoto"));
      else setPhotoError(errorMessage(e, t("errors.saveFailed")));
    } finally {
      setProgress(null);
      if (fileRef.current) fileRef.current.value = "";
    }
  };

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

function RatingControl({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Rating | null;
  onChange: (rating: Rating) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="pl-rating">
      <VisuallyHidden component="legend">{label}</VisuallyHidden>
      {RATINGS.map((rating) => {
        const Icon = RATING_ICONS[rating];
        return (
          <label key={rating} className="pl-rating-option" data-rating={rating}>
            <input
              type="radio"
              name={name}
              value={rating}
              checked={value === rating}
              onChange={() => onChange(rating)}
            />
            <Icon size={20} stroke={2} aria-hidden />
            {t(`inspection.rating.${rating}`)}
          </label>
        );
      })}
    </fieldset>
  );
}

function PhotoThumb({
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

function SendBackModal({
  target,
  itemLabel,
  workOrderId,
  onClose,
}: {
  target: { photo: InspectionPhoto; number: number } | null;
  itemLabel: string;
  workOrderId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const apply = useApplyInspection(workOrderId);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (target) {
      setNote("");
      setNoteError(null);
      setError(null);
    }
  }, [target]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    if (!note.trim()) {
      setNoteError(t("inspection.sendBackNoteRequired"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      apply(
        await api.post<InspectionResponse>(
          `/api/v1/inspection-photos/${encodeURIComponent(target.photo.id)}/reject`,
          { note: note.trim() },
        ),
      );
      notifySuccess(t("inspection.sentBack"));
      onClose();
    } catch (e) {
      setError(errorMessage(e, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppModal opened={target !== null} onClose={onClose} title={t("inspection.sendBackTitle")} centered>
      {target ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="md">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <img
                className="pl-photo"
                src={target.photo.url}
                alt={t("inspection.photoAlt", { number: target.number, item: itemLabel })}
              />
              <Text size="sm">{t("inspection.sendBackBody")}</Text>
            </Group>
            <FormError message={error} />
            <Textarea
              label={t("inspection.sendBackNote")}
              required
              autosize
              minRows={2}
              maxLength={2000}
              data-autofocus
              value={note}
              error={noteError}
              onChange={(event) => {
                setNote(event.currentTarget.value);
                if (noteError) setNoteError(null);
              }}
            />
            <Group justify="flex-end" gap="sm">
              <Button h={44} variant="default" onClick={onClose}>
                {t("common.cancel")}
              </Button>
              <Button h={44} type="submit" color="red.9" loading={busy}>
                {t("inspection.sendBack")}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </AppModal>
  );
}
