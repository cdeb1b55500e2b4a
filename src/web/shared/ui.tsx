import {
  Alert,
  Button,
  Group,
  Pagination,
  Skeleton,
  Stack,
  Text,
  Title,
  type TitleOrder,
  VisuallyHidden,
} from "@mantine/core";
import { IconAlertCircle, IconRefresh } from "@tabler/icons-react";
import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api";
import { useFormat } from "./format";
import { useDocumentTitle } from "./page";

export { PageLoader, PageSkeleton, useDocumentTitle } from "./page";

interface PageHeaderProps {
  title: ReactNode;
  /** Plain-text title for the browser tab; defaults to `title` when that is a string. */
  documentTitle?: string;
  description?: ReactNode;
  actions?: ReactNode;
}

/** The page's single h1 plus optional description and actions. */
export function PageHeader({ title, documentTitle, description, actions }: PageHeaderProps) {
  useDocumentTitle(documentTitle ?? (typeof title === "string" ? title : undefined));
  return (
    <Group justify="space-between" align="flex-start" gap="sm" mb="lg" wrap="wrap">
      {/* Sized by its content: a long title (a DMS's invoice number) sends the actions to the next
          line rather than running under them. */}
      <Stack gap={4} style={{ minWidth: "min(100%, 16rem)", maxWidth: "100%", flex: "1 1 auto" }}>
        <Title order={1} style={{ overflowWrap: "anywhere" }}>
          {title}
        </Title>
        {description ? (
          <Text component="div" c="dimmed">
            {description}
          </Text>
        ) : null}
      </Stack>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}

export function SectionTitle({ children, order = 2 }: { children: ReactNode; order?: TitleOrder }) {
  return (
    <Title order={order} mb="sm">
      {children}
    </Title>
  );
}

export function errorMessage(error: unknown, fallback: string): string {
  if (isApiError(error)) return error.detail;
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}

/** Alert for a failed load, with a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const notFound = isApiError(error) && error.status === 404;
  const forbidden = isApiError(error) && error.status === 403;
  const message = notFound
    ? t("errors.notFound")
    : forbidden
      ? t("errors.forbidden")
      : errorMessage(error, t("errors.loadFailed"));
  return (
    <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={t("errors.loadFailed")} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message}</Text>
        {onRetry && !notFound && !forbidden ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={onRetry}
          >
            {t("common.retry")}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** Brings a freshly shown alert into view (forms are long; the alert sits above them). */
function useRevealOnShow(shown: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView({ block: "nearest" });
  }, [shown]);
  return ref;
}

/** Form-level error (everything the server said that does not belong under one input). */
export function FormError({ message, children }: { message: string | null; children?: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRevealOnShow(message);
  if (!message) return null;
  return (
    <Alert
      ref={ref}
      color="red"
      icon={<IconAlertCircle aria-hidden />}
      title={t("errors.saveFailed")}
      role="alert"
      style={{ scrollMarginTop: 72 }}
    >
      <Text size="sm" style={{ whiteSpace: "pre-line" }}>
        {message}
      </Text>
      {children}
    </Alert>
  );
}

/** 409 on save: someone else changed the record; offer to reload it (which discards local edits). */
export function ConflictAlert({ message, onReload }: { message: string | null; onReload?: () => void }) {
  const { t } = useTranslation();
  const ref = useRevealOnShow(message);
  if (!message) return null;
  return (
    <Alert
      ref={ref}
      color="orange"
      icon={<IconAlertCircle aria-hidden />}
      title={t("errors.saveFailed")}
      role="alert"
      style={{ scrollMarginTop: 72 }}
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message}</Text>
        {onReload ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={onReload}
          >
            {t("common.reload")}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** Placeholder rows while a table loads. */
export function TableSkeleton({ rows = 5 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" aria-busy="true">
      <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>
      <Skeleton height={36} radius="sm" />
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder rows
        <Skeleton key={index} height={28} radius="sm" />
      ))}
    </Stack>
  );
}

export function DetailSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-busy="true">
      <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>
      <Skeleton height={34} width="40%" radius="sm" />
      <Skeleton height={18} width="70%" radius="sm" />
      <Skeleton height={18} width="60%" radius="sm" />
      <Skeleton height={160} radius="sm" />
    </Stack>
  );
}

interface ListPaginationProps {
  total: number;
  /** The server stopped counting at `total`: show "10,000+" and page up to there. */
  totalCapped?: boolean;
  limit: number;
  offset: number;
  onOffsetChange: (offset: number) => void;
}

/** "1–25 of 83" plus page buttons (only when there is more than one page). */
export function ListPagination({ total, totalCapped, limit, offset, onOffsetChange }: ListPaginationProps) {
  const { t } = useTranslation();
  const format = useFormat();
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  const from = offset + 1;
  const to = Math.min(total, offset + limit);
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t("common.paginationSummary", {
          from: format.number(from),
          to: format.number(to),
          total: totalCapped ? `${format.number(total)}+` : format.number(total),
        })}
      </Text>
      {pages > 1 ? (
        <nav aria-label={t("common.paginationLabel")}>
          <Pagination
            total={pages}
            value={page}
            onChange={(next) => onOffsetChange((next - 1) * limit)}
            size="sm"
            withEdges
            getItemProps={(item) => ({ "aria-label": t("common.page", { page: item }) })}
            getControlProps={(control) => ({
              "aria-label": t(
                control === "first"
                  ? "common.firstPage"
                  : control === "last"
                    ? "common.lastPage"
                    : control === "next"
                      ? "common.nextPage"
                      : "common.previousPage",
              ),
            })}
          />
        </nav>
      ) : null}
    </Group>
  );
}
