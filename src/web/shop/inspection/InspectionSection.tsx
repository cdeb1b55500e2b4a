// The inspection (vehicle health check) on a work order: the technician rates every checklist item
// ok / attention / urgent with a note, "parts needed" and photos from the tablet camera, then marks it
// complete, which notifies the service advisor. The advisor can send a photo back. Complete
// inspections are read-only.
import { Badge, Group, Paper, Skeleton, Stack, Title, VisuallyHidden } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "../../shared/ui";
import { InspectionView } from "./InspectionView";
import { useInspection } from "./inspectionApi";
import { StartInspection } from "./StartInspection";
import "./inspection.css";

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
