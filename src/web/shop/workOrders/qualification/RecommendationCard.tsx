import { Alert, Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconPlus } from "@tabler/icons-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { useMoney } from "../../../estimates/estimateUi";
import type { Qualification, Recommendation } from "../../../extensions/extensionApi";
import { PhotoStrip, UrgencyTag } from "../../../extensions/extensionUi";
import { AppModal } from "../../../shared/AppModal";
import { notifySuccess } from "../../../shared/notify";
import { useCan } from "../../../shared/session";
import { AddPartForm } from "./AddPartForm";
import { LabourForm } from "./LabourForm";
import { RecommendationParts } from "./RecommendationParts";
import { useApplyQualification, useRecommendationChange } from "./useApplyQualification";

const STATUS_COLORS: Record<Recommendation["status"], string> = {
  open: "gray",
  sent: "yellow",
  approved: "green",
  declined: "red",
};

export function RecommendationCard({
  rec,
  workOrderId,
  currency,
  labourRate,
}: {
  rec: Recommendation;
  workOrderId: string;
  currency: string;
  labourRate: number;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const canWrite = useCan("work-orders:write");
  const canParts = useCan("job-parts:write");
  const apply = useApplyQualification(workOrderId);
  const [addingPart, setAddingPart] = useState(false);
  const titleId = useId();
  const editable = rec.status === "open";

  const { busy, error, run } = useRecommendationChange(workOrderId);

  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="sm"
      className="pl-finding"
      data-urgency={rec.urgency}
      aria-labelledby={titleId}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
          <Group gap="sm" wrap="wrap" style={{ minWidth: 0 }}>
            <Title order={3} size="h4" id={titleId} style={{ overflowWrap: "anywhere" }}>
              {rec.description}
            </Title>
            <UrgencyTag urgency={rec.urgency} />
          </Group>
          {rec.status !== "open" ? (
            <Badge
              variant="light"
              color={STATUS_COLORS[rec.status]}
              radius="sm"
              tt="none"
              className="pl-badge-full"
            >
              {t(`extension.recStatus.${rec.status}`)}
            </Badge>
          ) : null}
        </Group>
        {rec.note ? (
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            <Text span fw={600} inherit>
              {t("extension.technicianNote")}
            </Text>{" "}
            {t("common.quoted", { text: rec.note })}
          </Text>
        ) : null}
        <PhotoStrip photos={rec.photos} itemLabel={rec.description} />
        {error ? (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" p="xs">
            <Text size="sm">{error}</Text>
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap="xs">
            <Text size="sm" fw={700}>
              {t("extension.labour")}
            </Text>
            {canWrite && editable ? (
              <LabourForm rec={rec} currency={currency} labourRate={labourRate} busy={busy} run={run} />
            ) : (
              <Text size="sm">
                {rec.unitPrice === null
                  ? t("extension.notPriced")
                  : rec.pricing === "flat"
                    ? t("extension.flatSummary", {
                        price: fmt.money(rec.unitPrice),
                        hours: fmt.quantity(rec.hoursMilli),
                      })
                    : t("extension.hourlySummary", {
                        hours: fmt.quantity(rec.hoursMilli),
                        rate: fmt.money(rec.unitPrice),
                      })}
              </Text>
            )}
          </Stack>
          <Stack gap="xs">
            <Text size="sm" fw={700}>
              {t("extension.parts")}
            </Text>
            {rec.parts.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("extension.noParts")}
              </Text>
            ) : (
              <RecommendationParts rec={rec} currency={currency} editable={editable} busy={busy} run={run} />
            )}
            {canParts && editable ? (
              <div>
                <Button
                  h={44}
                  variant="default"
                  leftSection={<IconPlus size={18} aria-hidden />}
                  aria-label={t("extension.addPartTo", { item: rec.description })}
                  onClick={() => setAddingPart(true)}
                >
                  {t("extension.addPart")}
                </Button>
              </div>
            ) : null}
          </Stack>
        </SimpleGrid>
        <Group
          justify="space-between"
          gap="sm"
          wrap="wrap"
          pt="xs"
          style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}
        >
          {canWrite && editable ? (
            <Checkbox
              size="md"
              label={t("extension.sendToCustomer")}
              aria-label={t("extension.sendToCustomerFor", { item: rec.description })}
              checked={rec.selected}
              disabled={busy !== null}
              onChange={(event) => {
                const value = event.currentTarget.checked;
                void run("selected", () =>
                  api.patch<Qualification>(`/api/v1/recommendations/${encodeURIComponent(rec.id)}`, {
                    selected: value,
                    version: rec.version,
                  }),
                );
              }}
            />
          ) : (
            <span />
          )}
          <Group gap="md" wrap="wrap">
            {rec.unitPrice === null ? (
              <Text size="sm" c="red.9" fw={600}>
                {t("extension.notPriced")}
              </Text>
            ) : null}
            <Text size="sm" className="pl-num">
              {t("extension.netValue", { value: fmt.money(rec.net) })}
            </Text>
            <Text size="md" fw={800} className="pl-num">
              {t("extension.grossValue", { value: fmt.money(rec.gross) })}
            </Text>
          </Group>
        </Group>
      </Stack>
      <AppModal
        opened={addingPart}
        onClose={() => setAddingPart(false)}
        title={t("extension.addPartTo", { item: rec.description })}
      >
        {addingPart ? (
          <AddPartForm
            rec={rec}
            currency={currency}
            onDone={(q) => {
              apply(q);
              notifySuccess(t("extension.partAdded"));
              setAddingPart(false);
            }}
            onClose={() => setAddingPart(false)}
          />
        ) : null}
      </AppModal>
    </Paper>
  );
}
