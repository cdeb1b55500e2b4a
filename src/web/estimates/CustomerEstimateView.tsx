import { Alert, Button, Checkbox, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import {
  IconCheck,
  IconClock,
  IconDownload,
  IconInfoCircle,
  IconMessageReport,
  IconX,
} from "@tabler/icons-react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../api";
import { AppModal } from "../shared/AppModal";
import { normaliseField } from "../shared/forms";
import { notifySuccess } from "../shared/notify";
import { ConflictAlert, errorMessage, FormError } from "../shared/ui";
import { ApprovalTotals } from "./ApprovalTotals";
import { ChangesList } from "./ChangesList";
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
import { LinesList } from "./LinesList";

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
  const [mode, setMode] = useState<"view" | "dispute">("view");
  const [picked, setPicked] = useState<Record<string, boolean>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [noteErrors, setNoteErrors] = useState<Record<string, string>>({});
  const [disputeError, setDisputeError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [modal, setModal] = useState<"approve" | "decline" | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const disputeRef = useRef<HTMLDivElement>(null);
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

  const sendDispute = async () => {
    const lines = flatten(labour).filter((line) => picked[line.id]);
    setDisputeError(null);
    if (lines.length === 0) {
      setDisputeError(t("estimates.portal.disputeNone"));
      return;
    }
    const errors: Record<string, string> = {};
    for (const line of lines) {
      if (!(notes[line.id] ?? "").trim()) errors[line.id] = t("estimates.portal.noteRequired");
    }
    setNoteErrors(errors);
    if (Object.keys(errors).length > 0) {
      requestAnimationFrame(() =>
        disputeRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setSending(true);
    try {
      const next = await api.post<Estimate>(`${base}/dispute`, {
        versionNo: current?.versionNo,
        lines: lines.map((line) => ({ lineId: line.id, note: (notes[line.id] ?? "").trim() })),
      });
      applied(next);
      setMode("view");
      notifySuccess(t("estimates.portal.disputeSent"));
    } catch (error) {
      if (handleConflict(error)) return;
      const fieldErrors: Record<string, string> = {};
      const leftovers: string[] = [];
      if (isApiError(error)) {
        for (const { field, message } of error.fieldErrors) {
          const match = /^lines\.(\d+)\.note$/.exec(normaliseField(field));
          const line = match ? lines[Number(match[1])] : undefined;
          if (line) fieldErrors[line.id] = message;
          else leftovers.push(message);
        }
      }
      setNoteErrors(fieldErrors);
      setDisputeError(
        Object.keys(fieldErrors).length > 0 && leftovers.length === 0
          ? t("errors.checkFields")
          : errorMessage(error, t("errors.saveFailed")),
      );
    } finally {
      setSending(false);
    }
  };

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
        <Paper withBorder radius="md" p={{ base: "xs", sm: "md" }} ref={disputeRef}>
          <Title order={2} mb="sm" px={{ base: "xs", sm: 0 }} pt={{ base: "xs", sm: 0 }}>
            {t("estimates.lines")}
          </Title>
          {mode === "dispute" ? (
            <Text size="sm" mb="sm" px={{ base: "xs", sm: 0 }}>
              {t("estimates.portal.disputeHint")}
            </Text>
          ) : null}
          <LinesList
            labour={labour}
            currency={estimate.currency}
            label={t("estimates.labourLines")}
            disputed={disputed}
            declined={declined}
            renderExtra={
              awaiting
                ? (line, kind) => {
                    if (mode === "dispute") {
                      // Disputing a part disputes its labour line too (a part is not fitted without
                      // its labour): the line shows ticked, says why, and needs no note of its own.
                      const withPart =
                        kind === "labour" &&
                        !picked[line.id] &&
                        (labour.find((l) => l.id === line.id)?.parts ?? []).some((p) => picked[p.id]);
                      if (withPart) {
                        return (
                          <Checkbox
                            mt="xs"
                            label={t("estimates.portal.disputeLine", { description: line.description })}
                            description={t("estimates.portal.disputedWithPart")}
                            checked
                            // Ticked while its part is; clicking it adds a note of the customer's own.
                            onChange={() => setPicked((p) => ({ ...p, [line.id]: true }))}
                          />
                        );
                      }
                      return (
                        <Stack gap="xs" mt="xs">
                          <Checkbox
                            label={t("estimates.portal.disputeLine", { description: line.description })}
                            checked={!!picked[line.id]}
                            onChange={(event) => {
                              const checked = event.currentTarget.checked;
                              setPicked((p) => ({ ...p, [line.id]: checked }));
                            }}
                          />
                          {picked[line.id] ? (
                            <Textarea
                              label={t("estimates.portal.noteFor", { description: line.description })}
                              required
                              autosize
                              minRows={2}
                              maxLength={1000}
                              value={notes[line.id] ?? ""}
                              error={noteErrors[line.id]}
                              onChange={(event) => {
                                const value = event.currentTarget.value;
                                setNotes((n) => ({ ...n, [line.id]: value }));
                              }}
                            />
                          ) : null}
                        </Stack>
                      );
                    }
                    if (kind !== "labour") return null;
                    return (
                      <Checkbox
                        mt="xs"
                        label={t("estimates.portal.approveLine", { description: line.description })}
                        checked={approved.has(line.id)}
                        onChange={(event) => {
                          const checked = event.currentTarget.checked;
                          setApproved((previousSet) => {
                            const next = new Set(previousSet);
                            if (checked) next.add(line.id);
                            else next.delete(line.id);
                            return next;
                          });
                        }}
                      />
                    );
                  }
                : undefined
            }
          />
        </Paper>
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
        {awaiting ? (
          mode === "dispute" ? (
            <Stack gap="sm">
              <FormError message={disputeError} />
              <Button
                leftSection={<IconMessageReport size={18} aria-hidden />}
                loading={sending}
                onClick={() => void sendDispute()}
              >
                {t("estimates.portal.sendDispute")}
              </Button>
              <Button variant="default" onClick={() => setMode("view")}>
                {t("estimates.portal.cancelDispute")}
              </Button>
            </Stack>
          ) : (
            <Stack gap="sm">
              <Button
                color="#1e6b30"
                size="md"
                leftSection={<IconCheck size={18} aria-hidden />}
                disabled={approved.size === 0}
                aria-describedby={approved.size === 0 ? "approve-none-hint" : undefined}
                onClick={() => setModal("approve")}
              >
                {t("estimates.portal.approve")}
              </Button>
              {approved.size === 0 ? (
                <Text size="xs" c="dimmed" id="approve-none-hint">
                  {t("estimates.portal.approveNone")}
                </Text>
              ) : null}
              <Group grow gap="sm">
                <Button
                  variant="default"
                  leftSection={<IconMessageReport size={18} aria-hidden />}
                  onClick={() => {
                    setMode("dispute");
                    setDisputeError(null);
                  }}
                >
                  {t("estimates.portal.dispute")}
                </Button>
                <Button
                  variant="outline"
                  color="red.9"
                  leftSection={<IconX size={18} aria-hidden />}
                  onClick={() => setModal("decline")}
                >
                  {t("estimates.portal.decline")}
                </Button>
              </Group>
            </Stack>
          )
        ) : null}
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

function Outcome({ estimate, lineNames }: { estimate: Estimate; lineNames: (ids: string[]) => string }) {
  const { t } = useTranslation();
  const last = [...estimate.decisions].sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  if (estimate.status === "approved") {
    return (
      <Alert
        color="green"
        icon={<IconCheck aria-hidden />}
        title={t("estimates.portal.outcomeApproved")}
        role="status"
      >
        {last?.approvedLineIds.length ? (
          <Text size="sm">
            {t("estimates.portal.outcomeApprovedLines", { lines: lineNames(last.approvedLineIds) })}
          </Text>
        ) : null}
        {last?.declinedLineIds.length ? (
          <Text size="sm">
            {t("estimates.portal.outcomeDeclinedLines", { lines: lineNames(last.declinedLineIds) })}
          </Text>
        ) : null}
      </Alert>
    );
  }
  if (estimate.status === "declined") {
    return (
      <Alert
        color="red"
        icon={<IconX aria-hidden />}
        title={t("estimates.portal.outcomeDeclined")}
        role="status"
      >
        {last?.reason ? (
          <Text size="sm">{t("estimates.history.reason", { reason: last.reason })}</Text>
        ) : null}
      </Alert>
    );
  }
  if (estimate.status === "disputed") {
    return (
      <Alert
        color="orange"
        icon={<IconClock aria-hidden />}
        title={t("estimates.portal.outcomeDisputed")}
        role="status"
      />
    );
  }
  if (estimate.status === "revising") {
    return (
      <Alert
        color="blue"
        icon={<IconClock aria-hidden />}
        title={t("estimates.portal.outcomeRevising")}
        role="status"
      />
    );
  }
  return null;
}

function ApproveModal({
  opened,
  onClose,
  count,
  total,
  gross,
  onConfirm,
  onConflict,
}: {
  opened: boolean;
  onClose: () => void;
  count: number;
  total: number;
  gross: string;
  onConfirm: () => Promise<void>;
  onConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <AppModal opened={opened} onClose={onClose} title={t("estimates.portal.approveTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Text size="sm">{t("estimates.portal.approveBody", { count, total })}</Text>
        <Group justify="space-between">
          <Text fw={600}>{t("estimates.portal.approvedTotal")}</Text>
          <Text fw={800} fz="lg" className="pl-num">
            {gross}
          </Text>
        </Group>
        <Button
          color="#1e6b30"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await onConfirm();
              onClose();
            } catch (err) {
              if (onConflict(err)) onClose();
              else setError(errorMessage(err, t("errors.saveFailed")));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("estimates.portal.approveConfirm")}
        </Button>
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
      </Stack>
    </AppModal>
  );
}

function DeclineModal({
  opened,
  onClose,
  onConfirm,
  onConflict,
}: {
  opened: boolean;
  onClose: () => void;
  onConfirm: (reason: string) => Promise<void>;
  onConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <AppModal opened={opened} onClose={onClose} title={t("estimates.portal.declineTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Textarea
          label={t("estimates.portal.reason")}
          autosize
          minRows={3}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <Button
          color="red.9"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await onConfirm(reason.trim());
              onClose();
            } catch (err) {
              if (onConflict(err)) onClose();
              else setError(errorMessage(err, t("errors.saveFailed")));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("estimates.portal.declineConfirm")}
        </Button>
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
      </Stack>
    </AppModal>
  );
}
