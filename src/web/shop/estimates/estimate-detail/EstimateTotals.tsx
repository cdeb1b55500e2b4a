import { Button, DataList, Paper, Stack, Text, Title } from "@mantine/core";
import { IconEdit, IconPhone, IconSend, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { ApprovalTotals } from "../../../estimates/ApprovalTotals";
import { type Estimate, type EstimateVersion, partialApproval } from "../../../estimates/estimateApi";
import { useMoney } from "../../../estimates/estimateUi";
import { notifySuccess } from "../../../shared/notify";
import { useCan } from "../../../shared/session";
import { errorMessage } from "../../../shared/ui";
import type { EstimateEditing } from "./useEstimateEditing";

/** Revise: a version the customer has (or has declined) becomes a working copy again. */
function useRevise(editing: EstimateEditing) {
  const { t } = useTranslation();
  const [revising, setRevising] = useState(false);
  const { base, applied, handleConflict, setActionError } = editing;
  const revise = async () => {
    setRevising(true);
    setActionError(null);
    try {
      applied(await api.post<Estimate>(`${base}/revise`, {}));
      notifySuccess(t("estimates.revised"));
    } catch (error) {
      if (!handleConflict(error)) setActionError(errorMessage(error, t("errors.saveFailed")));
    } finally {
      setRevising(false);
    }
  };
  return { revising, revise };
}

/** Totals with the moves on the estimate (submit, discard, record by phone, revise), and its facts. */
export function EstimateTotals({
  estimate,
  editable,
  latest,
  editing,
  onSubmit,
  onDiscard,
  onRecord,
}: {
  estimate: Estimate;
  editable: boolean;
  latest: EstimateVersion | undefined;
  editing: EstimateEditing;
  onSubmit: () => void;
  onDiscard: () => void;
  onRecord: () => void;
}) {
  const { t } = useTranslation();
  const canWrite = useCan("estimates:write");
  const fmt = useMoney(estimate.currency);
  const { revising, revise } = useRevise(editing);
  const draftLabour = estimate.draft?.labour ?? [];
  const shownTotals = editable ? estimate.draft?.totals : (latest?.totals ?? estimate.draft?.totals);
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg">
        <Title order={2} mb="sm">
          {t("estimates.totals")}
        </Title>
        {shownTotals ? (
          <ApprovalTotals
            totals={shownTotals}
            partial={!editable && latest ? partialApproval(estimate, latest) : undefined}
            currency={estimate.currency}
          />
        ) : null}
        {editable ? (
          <Stack gap={4} mt="md" className="pl-no-print">
            <Button
              leftSection={<IconSend size={18} aria-hidden />}
              disabled={draftLabour.length === 0}
              aria-describedby={draftLabour.length === 0 ? "estimate-submit-hint" : undefined}
              onClick={onSubmit}
            >
              {t("estimates.submit")}
            </Button>
            {draftLabour.length === 0 ? (
              <Text size="xs" c="dimmed" id="estimate-submit-hint">
                {t("estimates.submitHint")}
              </Text>
            ) : null}
          </Stack>
        ) : null}
        {canWrite && estimate.status === "draft" && estimate.currentVersion === 0 ? (
          <Button
            mt="md"
            fullWidth
            variant="default"
            color="red.9"
            className="pl-no-print"
            leftSection={<IconTrash size={18} aria-hidden />}
            onClick={onDiscard}
          >
            {t("estimates.discard.open")}
          </Button>
        ) : null}
        {canWrite && estimate.status === "awaiting_customer" && latest ? (
          <Button
            mt="md"
            fullWidth
            className="pl-no-print"
            leftSection={<IconPhone size={18} aria-hidden />}
            onClick={onRecord}
          >
            {t("estimates.phone.open")}
          </Button>
        ) : null}
        {canWrite && (estimate.status === "awaiting_customer" || estimate.status === "declined") ? (
          <Button
            mt="md"
            fullWidth
            variant="default"
            className="pl-no-print"
            leftSection={<IconEdit size={18} aria-hidden />}
            loading={revising}
            onClick={() => void revise()}
          >
            {t("estimates.revise")}
          </Button>
        ) : null}
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <DataList labelWidth="7rem">
          <DataList.Item>
            <DataList.ItemLabel>{t("estimates.col.version")}</DataList.ItemLabel>
            <DataList.ItemValue>
              {estimate.currentVersion > 0
                ? t("estimates.versionNo", { version: estimate.currentVersion })
                : t("estimates.notSubmitted")}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("estimates.poNumber")}</DataList.ItemLabel>
            <DataList.ItemValue>{estimate.poNumber ?? t("common.notSet")}</DataList.ItemValue>
          </DataList.Item>
          {latest ? (
            <DataList.Item>
              <DataList.ItemLabel>{t("estimates.col.gross")}</DataList.ItemLabel>
              <DataList.ItemValue className="pl-num">{fmt.money(latest.totals.gross)}</DataList.ItemValue>
            </DataList.Item>
          ) : null}
        </DataList>
      </Paper>
    </Stack>
  );
}
