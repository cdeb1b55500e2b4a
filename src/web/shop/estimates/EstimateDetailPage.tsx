// One estimate in the shop: its lines (edited while it is a draft or being revised), totals with the
// moves on it, the submitted versions and the dispute history, and the dialogs those moves open.
import { Alert, Button, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { DisputeHistory } from "../../estimates/DisputeHistory";
import { type Estimate, estimatePdfHref, latestVersion, useShopEstimate } from "../../estimates/estimateApi";
import { notifySuccess } from "../../shared/notify";
import { useCan } from "../../shared/session";
import { ConflictAlert, DetailSkeleton, FormError, PageHeader, QueryError } from "../../shared/ui";
import { DiscardModal } from "./estimate-detail/DiscardModal";
import { BackLink, EstimateHeader } from "./estimate-detail/EstimateHeader";
import { EstimateLines } from "./estimate-detail/EstimateLines";
import { EstimateTotals } from "./estimate-detail/EstimateTotals";
import { LineModal, type LineTarget } from "./estimate-detail/LineModal";
import { NoteModal } from "./estimate-detail/NoteModal";
import { PhoneDecisionModal } from "./estimate-detail/PhoneDecisionModal";
import { RemoveModal, type RemoveTarget } from "./estimate-detail/RemoveLineModal";
import { useEstimateEditing } from "./estimate-detail/useEstimateEditing";
import { VersionsSection } from "./estimate-detail/VersionsSection";

export function EstimateDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useShopEstimate(id);

  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <BackLink />
        <PageHeader title={t("estimates.detailTitle")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return <EstimateEditor estimate={query.data} onReload={() => void query.refetch()} />;
}

function EstimateEditor({ estimate, onReload }: { estimate: Estimate; onReload: () => void }) {
  const { t } = useTranslation();
  const canWrite = useCan("estimates:write");
  const editing = useEstimateEditing(estimate, onReload);
  const { base, conflict, actionError, applied, handleConflict, reload } = editing;
  const [lineTarget, setLineTarget] = useState<LineTarget | null>(null);
  const [removing, setRemoving] = useState<RemoveTarget | null>(null);
  const [noteModal, setNoteModal] = useState<"submit" | "acknowledge" | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const [recording, setRecording] = useState(false);

  const editable = canWrite && (estimate.status === "draft" || estimate.status === "revising");
  const latest = latestVersion(estimate);

  return (
    <>
      <BackLink />
      <EstimateHeader estimate={estimate} editable={editable} latest={latest} />
      <Stack gap="lg">
        <ConflictAlert message={conflict} onReload={reload} />
        <FormError message={actionError} />
        {estimate.status === "disputed" ? (
          <Alert
            color="red"
            icon={<IconAlertTriangle aria-hidden />}
            title={t("estimates.disputedTitle")}
            className="pl-no-print"
          >
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{t("estimates.disputedHint")}</Text>
              {canWrite ? (
                <Button
                  color="red.9"
                  leftSection={<IconCheck size={18} aria-hidden />}
                  onClick={() => setNoteModal("acknowledge")}
                >
                  {t("estimates.acknowledge")}
                </Button>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <EstimateLines
            estimate={estimate}
            editable={editable}
            latest={latest}
            editing={editing}
            setLineTarget={setLineTarget}
            setRemoving={setRemoving}
          />
          <EstimateTotals
            estimate={estimate}
            editable={editable}
            latest={latest}
            editing={editing}
            onSubmit={() => setNoteModal("submit")}
            onDiscard={() => setDiscarding(true)}
            onRecord={() => setRecording(true)}
          />
        </SimpleGrid>
        <VersionsSection estimate={estimate} />
        <Paper withBorder radius="md" p="lg">
          <Title order={2} mb="md">
            {t("estimates.disputeHistory")}
          </Title>
          <DisputeHistory
            estimate={estimate}
            viewer="shop"
            pdfHref={(versionNo) => estimatePdfHref("shop", estimate.id, versionNo)}
          />
        </Paper>
      </Stack>
      <LineModal
        target={lineTarget}
        estimate={estimate}
        onClose={() => setLineTarget(null)}
        onDone={applied}
        onConflict={handleConflict}
      />
      <RemoveModal
        target={removing}
        estimate={estimate}
        onClose={() => setRemoving(null)}
        onDone={applied}
        onConflict={handleConflict}
      />
      {latest && estimate.status === "awaiting_customer" ? (
        <PhoneDecisionModal
          // A fresh form for every version.
          key={latest.versionNo}
          opened={recording}
          estimate={estimate}
          version={latest}
          onClose={() => setRecording(false)}
          onDone={(next) => {
            applied(next);
            notifySuccess(t("estimates.phone.recorded"));
          }}
          onConflict={handleConflict}
        />
      ) : null}
      <DiscardModal opened={discarding} estimate={estimate} onClose={() => setDiscarding(false)} />
      <NoteModal
        kind={noteModal}
        path={noteModal ? `${base}/${noteModal}` : ""}
        onClose={() => setNoteModal(null)}
        onDone={(next) => {
          applied(next);
          notifySuccess(noteModal === "submit" ? t("estimates.submitted") : t("estimates.acknowledged"));
        }}
        onConflict={handleConflict}
      />
    </>
  );
}
