import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import {
  IconCheck,
  IconFileText,
  IconMessageCheck,
  IconMessageReport,
  IconPencil,
  IconPhone,
  IconX,
} from "@tabler/icons-react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type ActorKind, useActorName } from "../shared/actorName";
import { useFormat } from "../shared/format";
import { disputeNote, type Estimate, flatten } from "./estimateApi";
import { useMoney } from "./estimateUi";
import { PdfLink } from "./PdfLink";

type HistoryEntry =
  | { type: "version"; at: string; versionNo: number; note: string | null; by: string }
  | { type: "decision"; at: string; decision: Estimate["decisions"][number] }
  | {
      type: "shop";
      at: string;
      action: "acknowledge" | "revise";
      note: string | null;
      by: string;
      byKind: ActorKind;
    };

/** Shop moves from the estimate's log shown next to versions and decisions (line edits are not). */
function shopMoves(estimate: Estimate): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const h of estimate.history ?? []) {
    if (h.action === "acknowledge" || h.action === "revise") {
      entries.push({ type: "shop", at: h.at, action: h.action, note: h.note, by: h.by, byKind: h.byKind });
    }
  }
  return entries;
}

/** Every submitted version, every decision and the shop's answers, oldest first. */
export function DisputeHistory({
  estimate,
  viewer,
  pdfHref,
}: {
  estimate: Estimate;
  viewer: "shop" | "customer";
  /** Where each submitted version's PDF is; without it, no download links. */
  pdfHref?: (versionNo: number) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const actor = useActorName();
  const fmt = useMoney(estimate.currency);
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const version of estimate.versions) {
      for (const line of flatten(version.lines.labour)) map.set(line.id, line.description);
    }
    return map;
  }, [estimate.versions]);
  // The note given with each submit, in order (the version itself may not carry it).
  const submitNotes = (estimate.history ?? []).filter((h) => h.action === "submit").map((h) => h.note);
  const entries: HistoryEntry[] = [
    ...[...estimate.versions]
      .sort((a, b) => a.versionNo - b.versionNo)
      .map(
        (v, index): HistoryEntry => ({
          type: "version",
          at: v.at,
          versionNo: v.versionNo,
          note: v.note ?? submitNotes[index] ?? null,
          by: v.submittedBy,
        }),
      ),
    ...estimate.decisions.map((d): HistoryEntry => ({ type: "decision", at: d.at, decision: d })),
    ...shopMoves(estimate),
  ].sort((a, b) => a.at.localeCompare(b.at));
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("estimates.historyEmpty")}
      </Text>
    );
  }
  const lineNames = (ids: string[]) => ids.map((id) => names.get(id) ?? id).join(", ");
  return (
    <Stack
      component="ul"
      gap="sm"
      p={0}
      m={0}
      aria-label={t("estimates.disputeHistory")}
      style={{ listStyle: "none" }}
    >
      {entries.map((entry, index) => {
        if (entry.type === "version") {
          return (
            <Paper
              component="li"
              // biome-ignore lint/suspicious/noArrayIndexKey: history never reorders
              key={index}
              withBorder
              radius="md"
              p="sm"
              bg="white"
            >
              <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
                <Group gap={6} wrap="nowrap">
                  <IconFileText size={18} aria-hidden style={{ flexShrink: 0 }} />
                  <Text size="sm" fw={600}>
                    {t("estimates.history.submitted", { version: entry.versionNo, by: entry.by })}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" component="time" dateTime={entry.at}>
                  {format.dateTime(entry.at)}
                </Text>
              </Group>
              {entry.note ? (
                <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                  {t("common.quoted", { text: entry.note })}
                </Text>
              ) : null}
              {pdfHref ? (
                <PdfLink
                  href={pdfHref(entry.versionNo)}
                  label={t("estimates.pdf.versionLabel", { version: entry.versionNo })}
                >
                  {t("estimates.pdf.download")}
                </PdfLink>
              ) : null}
            </Paper>
          );
        }
        if (entry.type === "shop") {
          return (
            <Paper
              component="li"
              // biome-ignore lint/suspicious/noArrayIndexKey: history never reorders
              key={index}
              withBorder
              radius="md"
              p="sm"
              bg="white"
            >
              <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
                <Group gap={6} wrap="nowrap">
                  {entry.action === "acknowledge" ? (
                    <IconMessageCheck size={18} aria-hidden style={{ flexShrink: 0 }} />
                  ) : (
                    <IconPencil size={18} aria-hidden style={{ flexShrink: 0 }} />
                  )}
                  <Text size="sm" fw={600}>
                    {t(`estimates.history.${entry.action}`, { by: actor.agent(entry.by, entry.byKind) })}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" component="time" dateTime={entry.at}>
                  {format.dateTime(entry.at)}
                </Text>
              </Group>
              {entry.note ? (
                <Text size="sm" mt={4} style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                  {entry.action === "acknowledge"
                    ? t("estimates.history.answer", { note: entry.note })
                    : t("common.quoted", { text: entry.note })}
                </Text>
              ) : null}
            </Paper>
          );
        }
        const d = entry.decision;
        const byPhone = d.byKind === "staff";
        const seen = estimate.versions.find((v) => v.versionNo === d.versionNo);
        const Icon =
          d.decision === "approve" ? IconCheck : d.decision === "decline" ? IconX : IconMessageReport;
        return (
          <Paper
            component="li"
            // biome-ignore lint/suspicious/noArrayIndexKey: history never reorders
            key={index}
            withBorder
            radius="md"
            p="sm"
            bg="white"
          >
            <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
              <Group gap={6} wrap="nowrap">
                <Icon size={18} aria-hidden style={{ flexShrink: 0 }} />
                <Text size="sm" fw={600}>
                  {t(`estimates.history.${d.decision}`, {
                    version: d.versionNo,
                    by: viewer === "customer" && !byPhone ? t("estimates.history.you") : d.by,
                  })}
                </Text>
                {byPhone ? (
                  <Badge
                    variant="light"
                    color="gray"
                    radius="sm"
                    tt="none"
                    size="sm"
                    leftSection={<IconPhone size={12} aria-hidden />}
                    style={{ flexShrink: 0 }}
                  >
                    {t("estimates.history.byPhone")}
                  </Badge>
                ) : null}
              </Group>
              <Text size="xs" c="dimmed" component="time" dateTime={d.at}>
                {format.dateTime(d.at)}
              </Text>
            </Group>
            <Stack gap={2} mt={4}>
              {d.approvedLineIds.length > 0 ? (
                <Text size="sm">
                  {t("estimates.history.approvedLines", { lines: lineNames(d.approvedLineIds) })}
                </Text>
              ) : null}
              {d.declinedLineIds.length > 0 ? (
                <Text size="sm">
                  {t("estimates.history.declinedLines", { lines: lineNames(d.declinedLineIds) })}
                </Text>
              ) : null}
              {d.disputedLines.map((line) => (
                <Text size="sm" key={line.lineId} style={{ overflowWrap: "anywhere" }}>
                  {`${names.get(line.lineId) ?? line.lineId}: ${
                    disputeNote(line) ? t("common.quoted", { text: line.note }) : t("estimates.withItsPart")
                  }`}
                </Text>
              ))}
              {d.reason ? (
                <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                  {t("estimates.history.reason", { reason: d.reason })}
                </Text>
              ) : null}
              {viewer === "shop" ? (
                <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                  {t("estimates.history.consent", {
                    kind: d.byKind,
                    ip: d.ip ?? t("common.notSet"),
                    userAgent: d.userAgent ?? t("common.notSet"),
                    gross: seen ? fmt.money(seen.totals.gross) : t("common.notSet"),
                  })}
                </Text>
              ) : null}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
