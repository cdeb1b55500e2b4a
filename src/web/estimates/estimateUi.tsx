import { Anchor, Badge, Box, Group, List, Paper, Stack, Table, Text, ThemeIcon } from "@mantine/core";
import {
  IconAlertTriangle,
  IconCheck,
  IconDownload,
  IconFileText,
  IconMessageCheck,
  IconMessageReport,
  IconMinus,
  IconPencil,
  IconPhone,
  IconPlus,
  IconX,
} from "@tabler/icons-react";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../shared/format";
import {
  diffLines,
  disputeNote,
  type Estimate,
  type EstimateLabour,
  type EstimatePart,
  type EstimateStatus,
  type EstimateTotals,
  flatten,
  isFlat,
  type LineChange,
  type partialApproval,
} from "./estimateApi";

const STATUS_COLORS: Record<EstimateStatus, string> = {
  draft: "gray",
  awaiting_customer: "yellow",
  disputed: "red",
  revising: "orange",
  approved: "green",
  declined: "red",
};

export function EstimateStatusBadge({
  status,
  size = "md",
}: {
  status: EstimateStatus;
  size?: "sm" | "md" | "lg";
}) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      radius="sm"
      tt="none"
      size={size}
      className="pl-badge-full"
      style={{ flexShrink: 0 }}
    >
      {t(`estimates.status.${status}`)}
    </Badge>
  );
}

/** Money, quantity and tax-rate formatting in the reader's locale. */
export function useMoney(currency: string) {
  const format = useFormat();
  return useMemo(() => {
    let money: Intl.NumberFormat;
    try {
      money = new Intl.NumberFormat(format.locale, { style: "currency", currency });
    } catch {
      money = new Intl.NumberFormat(format.locale, { style: "currency", currency: "EUR" });
    }
    const decimal = new Intl.NumberFormat(format.locale, { maximumFractionDigits: 3 });
    const plain = new Intl.NumberFormat(format.locale, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    return {
      /** 42003 → "€420.03" */
      money: (cents: number) => money.format(cents / 100),
      /** 1500 → "1.5" */
      quantity: (milli: number) => decimal.format(milli / 1000),
      /** 1900 → "19 %" */
      rate: (bp: number) => `${decimal.format(bp / 100)} %`,
      /** Values for editing inputs, in the reader's decimal notation: 8999 → "89.99" / "89,99". */
      moneyInput: (cents: number) => plain.format(cents / 100).replace(/[\s\u00a0\u202f]/g, ""),
      quantityInput: (milli: number) => decimal.format(milli / 1000).replace(/[\s\u00a0\u202f]/g, ""),
    };
  }, [format.locale, currency]);
}

interface LinesListProps {
  labour: EstimateLabour[];
  currency: string;
  label: string;
  /** Notes of disputed lines, by line id (shown in red with an icon and the word "Disputed"). */
  disputed?: Map<string, string>;
  /** Extra controls or text below a line (checkboxes, actions). */
  renderExtra?: (line: EstimateLabour | EstimatePart, kind: "labour" | "part") => ReactNode;
  /** Controls at the right of a line (edit/remove). */
  renderActions?: (line: EstimateLabour | EstimatePart, kind: "labour" | "part") => ReactNode;
  /** Lines the customer declined (greyed with the word "Declined"). */
  declined?: Set<string>;
}

function DisputedNote({ note }: { note: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} align="flex-start" wrap="nowrap" mt={4}>
      <IconAlertTriangle size={18} color="var(--mantine-color-red-9)" aria-hidden style={{ flexShrink: 0 }} />
      <Text size="sm" c="red.9">
        <Text span fw={700} inherit>
          {t("estimates.disputed")}
        </Text>
        {note ? `: ${t("common.quoted", { text: note })}` : ` (${t("estimates.withItsPart")})`}
      </Text>
    </Group>
  );
}

function LineRow({
  line,
  kind,
  currency,
  disputedNote,
  declined,
  actions,
  extra,
}: {
  line: EstimateLabour | EstimatePart;
  kind: "labour" | "part";
  currency: string;
  disputedNote?: string;
  declined?: boolean;
  actions?: ReactNode;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const partNumber = kind === "part" ? (line as EstimatePart).partNumber : null;
  const unit = kind === "labour" ? t("estimates.hoursShort") : t("estimates.pieces");
  // A flat-priced labour line: the price is the line's net; the hours are only an estimate.
  const flat = kind === "labour" && isFlat(line as EstimateLabour);
  return (
    <Box
      p="sm"
      style={{
        borderRadius: "var(--mantine-radius-sm)",
        border: disputedNote !== undefined ? "2px solid var(--mantine-color-red-7)" : undefined,
        background:
          disputedNote !== undefined
            ? "var(--mantine-color-red-0)"
            : kind === "labour"
              ? "var(--mantine-color-white)"
              : "var(--mantine-color-gray-0)",
      }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text fw={kind === "labour" ? 700 : 500} style={{ overflowWrap: "anywhere" }}>
            {line.description}
          </Text>
          <Text size="sm" c="dimmed" className="pl-num" style={{ whiteSpace: "normal" }}>
            {[
              partNumber ? t("estimates.partNo", { number: partNumber }) : null,
              flat
                ? t("estimates.flatPriceDetail", { hours: fmt.quantity(line.quantityMilli) })
                : `${fmt.quantity(line.quantityMilli)} ${unit} × ${fmt.money(line.unitPrice)}`,
              t("estimates.taxShort", { rate: fmt.rate(line.taxRateBp) }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
          {declined ? (
            <Group gap={4}>
              <IconX size={16} aria-hidden />
              <Text size="sm" fw={600}>
                {t("estimates.lineDeclined")}
              </Text>
            </Group>
          ) : null}
          {disputedNote !== undefined ? <DisputedNote note={disputedNote} /> : null}
        </Stack>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Text fw={600} className="pl-num">
            {fmt.money(line.net)}
          </Text>
          {actions}
        </Group>
      </Group>
      {extra}
    </Box>
  );
}

/** Labour lines with their parts indented below. */
export function LinesList({
  labour,
  currency,
  label,
  disputed,
  renderExtra,
  renderActions,
  declined,
}: LinesListProps) {
  const { t } = useTranslation();
  if (labour.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t("estimates.noLines")}
      </Text>
    );
  }
  return (
    <Stack component="ul" gap="sm" p={0} m={0} aria-label={label} style={{ listStyle: "none" }}>
      {labour.map((line) => (
        <Paper component="li" key={line.id} withBorder radius="md" p={4}>
          <LineRow
            line={line}
            kind="labour"
            currency={currency}
            disputedNote={disputed?.get(line.id)}
            declined={declined?.has(line.id)}
            actions={renderActions?.(line, "labour")}
            extra={renderExtra?.(line, "labour")}
          />
          {line.parts.length > 0 ? (
            <Stack
              component="ul"
              gap={4}
              p={0}
              m={0}
              ml={{ base: "md", sm: "xl" }}
              mb={4}
              aria-label={t("estimates.partsOf", { description: line.description })}
              style={{ listStyle: "none" }}
            >
              {line.parts.map((part) => (
                <li key={part.id}>
                  <LineRow
                    line={part}
                    kind="part"
                    currency={currency}
                    disputedNote={disputed?.get(part.id)}
                    actions={renderActions?.(part, "part")}
                    extra={renderExtra?.(part, "part")}
                  />
                </li>
              ))}
            </Stack>
          ) : null}
        </Paper>
      ))}
    </Stack>
  );
}

/** Net, tax per rate and gross. */
export function TotalsBox({ totals, currency }: { totals: EstimateTotals; currency: string }) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  return (
    <Table withRowBorders={false} verticalSpacing={4} aria-label={t("estimates.totals")}>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th scope="row" fw={500}>
            {t("estimates.net")}
          </Table.Th>
          <Table.Td ta="right" className="pl-num">
            {fmt.money(totals.net)}
          </Table.Td>
        </Table.Tr>
        {totals.byRate.map((rate) => (
          <Table.Tr key={rate.rateBp}>
            <Table.Th scope="row" fw={500}>
              {t("estimates.taxAt", { rate: fmt.rate(rate.rateBp), net: fmt.money(rate.net) })}
            </Table.Th>
            <Table.Td ta="right" className="pl-num">
              {fmt.money(rate.tax)}
            </Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr style={{ borderTop: "1px solid var(--mantine-color-gray-4)" }}>
          <Table.Th scope="row" fw={800}>
            {t("estimates.gross")}
          </Table.Th>
          <Table.Td ta="right" fw={800} fz="lg" className="pl-num">
            {fmt.money(totals.gross)}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

/**
 * The Totals box of a version, and after a partial approval what it came to: the approved and
 * declined lines' gross, then the approved lines' totals — the declined ones are not owed.
 */
export function ApprovalTotals({
  totals,
  partial,
  currency,
}: {
  totals: EstimateTotals;
  partial: ReturnType<typeof partialApproval>;
  currency: string;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  if (!partial) return <TotalsBox totals={totals} currency={currency} />;
  // Each total by the estimate's rule: approved and declined may not add up to the quote to the
  // cent (tax is rounded once per total), so no sum is shown between them.
  const rows = [
    [t("estimates.approval.quoted"), totals.gross, undefined],
    [t("estimates.approval.approved"), partial.approved.gross, "green.9"],
    [t("estimates.approval.declined"), partial.declined.gross, "red.8"],
  ] as const;
  return (
    <Stack gap="sm">
      <Table withRowBorders={false} verticalSpacing={4} aria-label={t("estimates.approval.title")}>
        <Table.Tbody>
          {rows.map(([label, gross, color]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" fw={500} c={color}>
                {label}
              </Table.Th>
              <Table.Td ta="right" className="pl-num" c={color}>
                {fmt.money(gross)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={700} size="sm">
        {t("estimates.approval.approvedTotals")}
      </Text>
      <TotalsBox totals={partial.approved} currency={currency} />
    </Stack>
  );
}

/** Added / removed / changed lines between two versions. */
export function ChangesList({
  before,
  after,
  currency,
  label,
}: {
  before: EstimateLabour[];
  after: EstimateLabour[];
  currency: string;
  label: string;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const changes = diffLines(before, after);
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("estimates.noChanges")}
      </Text>
    );
  }
  const icon = (change: LineChange) =>
    change.kind === "added" ? (
      <ThemeIcon color="green.9" size={22} radius="xl">
        <IconPlus size={14} aria-hidden />
      </ThemeIcon>
    ) : change.kind === "removed" ? (
      <ThemeIcon color="red.9" size={22} radius="xl">
        <IconMinus size={14} aria-hidden />
      </ThemeIcon>
    ) : (
      <ThemeIcon color="blue.9" size={22} radius="xl">
        <IconPencil size={14} aria-hidden />
      </ThemeIcon>
    );
  return (
    <List spacing="xs" aria-label={label} listStyleType="none" p={0}>
      {changes.map((change) => {
        const { line, before: prev } = change;
        const details: string[] = [];
        if (prev && change.fields.includes("description")) {
          details.push(t("estimates.diff.description", { from: prev.description, to: line.description }));
        }
        if (prev && change.fields.includes("pricing")) {
          details.push(
            t("estimates.diff.pricing", {
              from: t(isFlat(prev) ? "estimates.pricingFlat" : "estimates.pricingHourly"),
              to: t(isFlat(line) ? "estimates.pricingFlat" : "estimates.pricingHourly"),
            }),
          );
        }
        if (prev && change.fields.includes("quantity")) {
          details.push(
            t("estimates.diff.quantity", {
              from: fmt.quantity(prev.quantityMilli),
              to: fmt.quantity(line.quantityMilli),
            }),
          );
        }
        if (prev && change.fields.includes("price")) {
          details.push(
            t("estimates.diff.price", { from: fmt.money(prev.unitPrice), to: fmt.money(line.unitPrice) }),
          );
        }
        if (prev && change.fields.includes("tax")) {
          details.push(
            t("estimates.diff.tax", { from: fmt.rate(prev.taxRateBp), to: fmt.rate(line.taxRateBp) }),
          );
        }
        return (
          <List.Item key={`${change.kind}-${line.id}`} icon={icon(change)}>
            <Text size="sm">
              <Text span fw={700} inherit>
                {`${t(`estimates.diff.${change.kind}`)}: `}
              </Text>
              {line.description}
              {change.kind === "changed" ? ` — ${details.join("; ")}` : ` (${fmt.money(line.net)})`}
            </Text>
          </List.Item>
        );
      })}
    </List>
  );
}

type HistoryEntry =
  | { type: "version"; at: string; versionNo: number; note: string | null; by: string }
  | { type: "decision"; at: string; decision: Estimate["decisions"][number] }
  | { type: "shop"; at: string; action: "acknowledge" | "revise"; note: string | null; by: string };

/** Shop moves from the estimate's log shown next to versions and decisions (line edits are not). */
function shopMoves(estimate: Estimate): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const h of estimate.history ?? []) {
    if (h.action === "acknowledge" || h.action === "revise") {
      entries.push({ type: "shop", at: h.at, action: h.action, note: h.note, by: h.by });
    }
  }
  return entries;
}

/** A plain link to a PDF, opened in a new tab (the browser shows or saves it). */
export function PdfLink({ href, label, children }: { href: string; label?: string; children: ReactNode }) {
  return (
    <Anchor
      href={href}
      target="_blank"
      rel="noopener"
      size="sm"
      aria-label={label}
      className="pl-no-print"
      display="inline-flex"
      style={{ gap: 4, alignItems: "center" }}
    >
      <IconDownload size={16} aria-hidden />
      {children}
    </Anchor>
  );
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
                    {t(`estimates.history.${entry.action}`, { by: entry.by })}
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
