// What the first screen needs from the shared UI (the sign-in page, the loading states): kept apart
// from ui.tsx, whose tables, pagination and alerts would otherwise all come with the sign-in page.
import { Loader, Skeleton, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** Sets document.title to "<title> · Pitlane". */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Pitlane` : "Pitlane";
  }, [title]);
}

/** A page's outline (heading, line of text, content) while its code loads for the first time. */
export function PageSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-busy="true">
      <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>
      <Skeleton height={35} width="min(18rem, 60%)" radius="sm" />
      <Skeleton height={16} width="min(28rem, 85%)" radius="sm" mb="sm" />
      <Skeleton height={44} radius="md" />
      <Skeleton height={320} radius="md" />
    </Stack>
  );
}

/** Full-area spinner used while the session or a lazy chunk loads. */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Stack align="center" justify="center" mih="50vh" role="status" aria-live="polite">
      <Loader aria-hidden />
      <Text size="sm" c="dimmed">
        {t("common.loading")}
      </Text>
    </Stack>
  );
}

/**
 * False for the first frame, true once it has painted: work the first screen does not need (the
 * session check on the sign-in page, the toast container) starts after it, so it neither delays
 * the first paint nor competes with it for the network.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: number | undefined;
    // A frame is painted after its requestAnimationFrame callbacks; the timeout runs after that paint.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setPainted(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  return painted;
}
