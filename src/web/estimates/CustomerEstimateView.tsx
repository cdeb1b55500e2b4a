import { Alert, Button, Paper, Stack, Text, Title } from "@mantine/core";
import { IconDownload, IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../api";
import { notifySuccess } from "../shared/notify";
import { ConflictAlert } from "../shared/ui";
import { ApprovalTotals } from "./ApprovalTotals";
import { ChangesList } from "./ChangesList";
import { ApproveModal } from "./customer-estimate/ApproveModal";
import { CustomerLines } from "./customer-estimate/CustomerLines";
import { DecisionButtons } from "./customer-estimate/DecisionButtons";
import { DeclineModal } from "./customer-estimate/DeclineModal";
import { Outcome } from "./customer-estimate/Outcome";
import { useDispute } from "./customer-estimate/useDispute";
import { DisputeHistory } from "./DisputeHistory";
import {
  approvalOf,
  disputeNote,
  type Estimate,
  type EstimateVersion,
  estimatePdfHref,
  flatten,
  partialApproval,
} from "./estimateApi";
import { useMoney } from "./estimateUi";

/**
 * Where the customer's decisions go: the portal (signed in) or a mailed link (the token is the
 * credential and serves one decision).
 */
export type EstimateSource = "portal" | { linkToken: string };

export function decisionBase(source: EstimateSource, estimateId: string) {
  return source === "portal"
    ? `/api/v1/portal/estimates/${encodeURIComponent(estimateId)}`
    : `/api/v1/links/estimate/${encodeURIComponent(source.linkToken)}`;
}

/** The versions of an estimate in order: the current one and the one before it. */
export function currentAndPrevious(estimate: Estimate) {
  const versions = [...estimate.versions].sort((a, b) => a.versionNo - b.versionNo);
  return { current: versions.at(-1), previous: versions.at(-2) };
}

/**
 * The customer's view of an estimate (lines, changes, totals, history) with the approve / dispute /
 * decline moves while it awaits the customer. Shared by the portal page and the mailed-link page.
 */
export function CustomerEstimateView({
  estimate,
  source,
  readOnly = false,
  onApplied,
  onError,
  onReload,
}: {
  estimate: Estimate;
  source: EstimateSource;
  /** Show the estimate without any decision controls (e.g. a spent link). */
  readOnly?: boolean;
  /** A decision went through; `next` is the estimate as it is now. */
  onApplied: (next: Estimate) => void;
  /** Errors the caller handles itself (e.g. an expired link); return true when handled. */
  onError?: (error: unknown) => boolean;
  onReload: () => void;
}) {
  const { current, previous } = currentAndPrevious(estimate);
  return (
    <CustomerEstimate
      key={`${estimate.id}-${current?.versionNo ?? 0}`}
      estimate={estimate}
      current={current}
      previous={previous}
      source={source}
      readOnly={readOnly}
      onApplied={onApplied}
      onError={onError}
      onReload={onReload}
    />
  );
}

function CustomerEstimate({
  estimate,
  current,
  previous,
  source,
  readOnly,
  onApplied,
  onError,
  onReload,
}: {
  estimate: Estimate;
  current: EstimateVersion | undefined;
  previous: EstimateVersion | undefined;
  source: EstimateSource;
  readOnly: boolean;
  onApplied: (next: Estimate) => void;
  onError?: (error: unknown) => boolean;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(estimate.currency);
  const labour = current?.lines.labour ?? [];
  const [approved, setApproved] = useState<Set<string>>(() => new Set(labour.map((line) => line.id)));
  const [modal, setModal] = useState<"approve" | "decline" | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const awaiting = !readOnly && estimate.status === "awaiting_customer" && !!current;
  const base = decisionBase(source, estimate.id);

  const applied = onApplied;
  const handleConflict = (error: unknown) => {
    if (onError?.(error)) return true;
    if (!isApiError(error) || error.status !== 409) return false;
    setConflict(t("estimates.portal.stale"));
    return true;
  };

  const lastDecision = [...estimate.decisions].sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  const names = new Map(flatten(labour).map((line) => [line.id, line.description]));
  const lineNames = (ids: string[]) => ids.map((id) => names.get(id) ?? id).join(", ");
  const disputed =
    estimate.status === "disputed" && lastDecision?.decision === "dispute"
      ? new Map(
          lastDecision.disputedLines.map((line) => [
            line.lineId,
            disputeNote(line) || (line.withPart ? t("estimates.withItsPart") : ""),
          ]),
        )
      : undefined;
  const declined =
    estimate.status === "approved" && lastDecision?.decision === "approve"
      ? new Set(lastDecision.declinedLineIds)
      : undefined;

  const dispute = useDispute({ labour, current, base, applied, handleConflict });

  return (
    <>
      <Stack gap="lg">
        <ConflictAlert message={conflict} onReload={onReload} />
        <Outcome estimate={estimate} lineNames={lineNames} />
        {current?.note ? (
          <Alert color="blue" icon={<IconInfoCircle aria-hidden />} title={t("estimates.shopNote")}>
            <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
              {current.note}
            </Text>
          </Alert>
        ) : null}
        {previous && current ? (
          <Paper withBorder radius="md" p="md">
            <Title order={2} mb="sm">
              {t("estimates.portal.whatChanged")}
            </Title>
            <ChangesList
              before={previous.lines.labour}
              after={current.lines.labour}
              currency={estimate.currency}
              label={t("estimates.portal.whatChanged")}
            />
          </Paper>
        ) : null}
        <CustomerLines
          estimate={estimate}
          labour={labour}
          awaiting={awaiting}
          disputed={disputed}
          declined={declined}
          approved={approved}
          setApproved={setApproved}
          dispute={dispute}
        />
        {current ? (
          <Paper withBorder radius="md" p="md">
            <Title order={2} mb="sm">
              {t("estimates.totals")}
            </Title>
            <ApprovalTotals
              totals={current.totals}
              partial={partialApproval(estimate, current)}
              currency={estimate.currency}
            />
            <Button
              component="a"
              href={estimatePdfHref(source, estimate.id, current.versionNo)}
              target="_blank"
              rel="noopener"
              variant="default"
              fullWidth
              mt="md"
              leftSection={<IconDownload size={18} aria-hidden />}
              aria-label={t("estimates.pdf.versionLabel", { version: current.versionNo })}
            >
              {t("estimates.pdf.download")}
            </Button>
          </Paper>
        ) : null}
        {awaiting ? <DecisionButtons approved={approved} dispute={dispute} onOpen={setModal} /> : null}
        <Paper withBorder radius="md" p="md">
          <Title order={2} mb="md">
            {t("estimates.disputeHistory")}
          </Title>
          <DisputeHistory
            estimate={estimate}
            viewer="customer"
            pdfHref={(versionNo) => estimatePdfHref(source, estimate.id, versionNo)}
          />
        </Paper>
      </Stack>
      {current ? (
        <>
          <ApproveModal
            opened={modal === "approve"}
            onClose={() => setModal(null)}
            count={approved.size}
            total={labour.length}
            gross={fmt.money(approvalOf(labour, approved).approved.gross)}
            onConfirm={async () => {
              const next = await api.post<Estimate>(`${base}/approve`, {
                versionNo: current.versionNo,
                labourLineIds: labour.filter((line) => approved.has(line.id)).map((line) => line.id),
              });
              applied(next);
              notifySuccess(t("estimates.portal.approved"));
            }}
            onConflict={handleConflict}
          />
          <DeclineModal
            opened={modal === "decline"}
            onClose={() => setModal(null)}
            onConfirm={async (reason) => {
              const next = await api.post<Estimate>(`${base}/decline`, {
                versionNo: current.versionNo,
                reason: reason || undefined,
              });
              applied(next);
              notifySuccess(t("estimates.portal.declined"));
            }}
            onConflict={handleConflict}
          />
        </>
      ) : null}
    </>
  );
}
