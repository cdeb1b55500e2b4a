// The customer's view of an order extension: each recommended item with its urgency, the technician's
// note, photos, labour and parts and its price, an Approve / Decline choice per item (nothing chosen
// up front), the running total of what is approved and Submit decisions. Shared by the mailed-link
// phone page (/x/:token) and the portal.
import { Alert, Button, Group, Paper, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { IconCheck, IconCircleCheck, IconInfoCircle, IconMessage, IconX } from "@tabler/icons-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMoney } from "../estimates/estimateUi";
import { AppModal } from "../shared/AppModal";
import { useFormat } from "../shared/format";
import { errorMessage, FormError } from "../shared/ui";
import { type Decision, type Extension, type ExtensionItem, grossOf } from "./extensionApi";
import { DecisionTag, ItemLines, PhotoStrip, UrgencyTag } from "./extensionUi";

export function CustomerExtensionView({
  extension,
  readOnly = false,
  decide,
  onError,
}: {
  extension: Extension;
  /** Show the offer without decision controls (e.g. a spent link). */
  readOnly?: boolean;
  /** Sends the decisions; resolves once the caller has applied the answer. */
  decide: (decisions: Decision[]) => Promise<void>;
  /** Errors the caller handles itself (e.g. a spent link); return true when handled. */
  onError?: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(extension.currency);
  const [choices, setChoices] = useState<Record<string, boolean>>({});
  const [confirming, setConfirming] = useState(false);
  const waiting = extension.status === "sent" && !readOnly;
  const decided = extension.decision;
  const approvedIds = decided
    ? decided.approvedIds
    : Object.entries(choices)
        .filter(([, approve]) => approve)
        .map(([id]) => id);
  const chosen = extension.items.filter((i) => choices[i.id] !== undefined).length;
  const complete = chosen === extension.items.length;
  const approvedGross = grossOf(extension, approvedIds);
  const hintId = useId();

  return (
    <Stack gap="md">
      {decided ? <Outcome extension={extension} /> : null}
      {extension.note ? (
        <Alert color="blue" icon={<IconMessage aria-hidden />} title={t("extensionCustomer.shopNote")}>
          <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
            {extension.note}
          </Text>
        </Alert>
      ) : null}
      {waiting ? <Text size="sm">{t("extensionCustomer.intro")}</Text> : null}
      <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
        {extension.items.map((item) => (
          <ItemCard
            key={item.id}
            item={item}
            currency={extension.currency}
            choice={
              waiting
                ? { value: choices[item.id], onChange: (v) => setChoices((c) => ({ ...c, [item.id]: v })) }
                : undefined
            }
            decided={
              decided
                ? decided.approvedIds.includes(item.id)
                  ? true
                  : decided.declinedIds.includes(item.id)
                    ? false
                    : undefined
                : undefined
            }
          />
        ))}
      </Stack>
      <Paper
        withBorder
        radius="md"
        p={waiting ? "sm" : "md"}
        className={waiting ? "pl-ext-submitbar" : undefined}
      >
        <Stack gap="xs">
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text fw={600}>
              {decided || waiting
                ? t("extensionCustomer.approvedTotal", {
                    approved: approvedIds.length,
                    total: extension.items.length,
                  })
                : t("extensionCustomer.offerTotal")}
            </Text>
            <Text fw={800} fz="xl" className="pl-num" aria-live="polite">
              {fmt.money(decided || waiting ? approvedGross : extension.totals.gross)}
            </Text>
          </Group>
          {waiting ? (
            <>
              <Button
                h={48}
                size="md"
                disabled={!complete}
                aria-describedby={complete ? undefined : hintId}
                onClick={() => setConfirming(true)}
              >
                {t("extensionCustomer.submit")}
              </Button>
              {complete ? null : (
                <Text size="xs" c="dimmed" id={hintId}>
                  {t("extensionCustomer.chooseEvery", { done: chosen, total: extension.items.length })}
                </Text>
              )}
            </>
          ) : null}
        </Stack>
      </Paper>
      <ConfirmModal
        opened={confirming}
        extension={extension}
        choices={choices}
        approvedGross={approvedGross}
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          await decide(extension.items.map((i) => ({ recommendationId: i.id, approve: !!choices[i.id] })));
        }}
        onError={onError}
      />
    </Stack>
  );
}

function ItemCard({
  item,
  currency,
  choice,
  decided,
}: {
  item: ExtensionItem;
  currency: string;
  choice?: { value: boolean | undefined; onChange: (approve: boolean) => void };
  decided?: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const titleId = useId();
  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="md"
      className="pl-finding"
      data-urgency={item.urgency}
      aria-labelledby={titleId}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <UrgencyTag urgency={item.urgency} />
          {decided !== undefined ? <DecisionTag approved={decided} /> : null}
        </Group>
        <Title order={3} size="h4" id={titleId} style={{ overflowWrap: "anywhere" }}>
          {item.description}
        </Title>
        {item.repairDescription ? (
          <Text style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>{item.repairDescription}</Text>
        ) : null}
        {item.note ? (
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            <Text span fw={600} inherit>
              {t("extensionCustomer.technicianNote")}
            </Text>{" "}
            {t("common.quoted", { text: item.note })}
          </Text>
        ) : null}
        <PhotoStrip photos={item.photos} itemLabel={item.description} size="lg" />
        <ItemLines item={item} currency={currency} />
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text fw={600}>{t("extensionCustomer.price")}</Text>
          <Text fw={800} fz="lg" className="pl-num">
            {fmt.money(item.gross)}
          </Text>
        </Group>
        {choice ? (
          <ChoiceControl label={item.description} value={choice.value} onChange={choice.onChange} />
        ) : null}
      </Stack>
    </Paper>
  );
}

function ChoiceControl({
  label,
  value,
  onChange,
}: {
  label: string;
  value: boolean | undefined;
  onChange: (approve: boolean) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="pl-choice">
      <VisuallyHidden component="legend">
        {t("extensionCustomer.decisionFor", { item: label })}
      </VisuallyHidden>
      <label className="pl-choice-option" data-choice="approve">
        <input type="radio" name={name} checked={value === true} onChange={() => onChange(true)} />
        <IconCheck size={20} stroke={2.5} aria-hidden />
        {t("extensionCustomer.approve")}
      </label>
      <label className="pl-choice-option" data-choice="decline">
        <input type="radio" name={name} checked={value === false} onChange={() => onChange(false)} />
        <IconX size={20} stroke={2.5} aria-hidden />
        {t("extensionCustomer.decline")}
      </label>
    </fieldset>
  );
}

function Outcome({ extension }: { extension: Extension }) {
  const { t } = useTranslation();
  const format = useFormat();
  const decision = extension.decision;
  if (!decision) return null;
  const names = (ids: string[]) =>
    extension.items
      .filter((i) => ids.includes(i.id))
      .map((i) => i.description)
      .join(", ");
  return (
    <Alert
      color={decision.approvedIds.length > 0 ? "green" : "gray"}
      icon={<IconCircleCheck aria-hidden />}
      title={t("extensionCustomer.decidedTitle", { date: format.dateTime(decision.at) })}
      role="status"
    >
      <Stack gap={4}>
        {decision.approvedIds.length > 0 ? (
          <Text size="sm">{t("extensionCustomer.approvedList", { items: names(decision.approvedIds) })}</Text>
        ) : null}
        {decision.declinedIds.length > 0 ? (
          <Text size="sm">{t("extensionCustomer.declinedList", { items: names(decision.declinedIds) })}</Text>
        ) : null}
      </Stack>
    </Alert>
  );
}

function ConfirmModal({
  opened,
  extension,
  choices,
  approvedGross,
  onClose,
  onConfirm,
  onError,
}: {
  opened: boolean;
  extension: Extension;
  choices: Record<string, boolean>;
  approvedGross: number;
  onClose: () => void;
  onConfirm: () => Promise<void>;
  onError?: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(extension.currency);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const approved = extension.items.filter((i) => choices[i.id] === true);
  const declined = extension.items.filter((i) => choices[i.id] === false);
  return (
    <AppModal opened={opened} onClose={onClose} title={t("extensionCustomer.confirmTitle")} centered>
      <Stack gap="md">
        <FormError message={error} />
        {approved.length > 0 ? (
          <div>
            <Text size="sm" fw={700}>
              {t("extensionCustomer.youApprove")}
            </Text>
            <Stack gap={2} component="ul" pl="md" my={4}>
              {approved.map((i) => (
                <Text size="sm" component="li" key={i.id}>
                  {`${i.description} (${fmt.money(i.gross)})`}
                </Text>
              ))}
            </Stack>
          </div>
        ) : null}
        {declined.length > 0 ? (
          <div>
            <Text size="sm" fw={700}>
              {t("extensionCustomer.youDecline")}
            </Text>
            <Stack gap={2} component="ul" pl="md" my={4}>
              {declined.map((i) => (
                <Text size="sm" component="li" key={i.id}>
                  {i.description}
                </Text>
              ))}
            </Stack>
          </div>
        ) : null}
        <Group justify="space-between">
          <Text fw={600}>{t("extensionCustomer.approvedTotalShort")}</Text>
          <Text fw={800} fz="lg" className="pl-num">
            {fmt.money(approvedGross)}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t("extensionCustomer.binding")}
        </Text>
        <Button
          h={48}
          loading={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await onConfirm();
              onClose();
            } catch (err) {
              if (onError?.(err)) onClose();
              else setError(errorMessage(err, t("errors.saveFailed")));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("extensionCustomer.confirm")}
        </Button>
        <Button h={48} variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
      </Stack>
    </AppModal>
  );
}

/** Shown on the phone page once the decisions went through. */
export function ThanksAlert() {
  const { t } = useTranslation();
  return (
    <Alert
      color="green"
      icon={<IconCircleCheck aria-hidden />}
      title={t("extensionCustomer.thanks")}
      role="status"
    >
      <Text size="sm">{t("extensionCustomer.thanksBody")}</Text>
    </Alert>
  );
}

export function UsedAlert({ detail }: { detail?: string | null }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="blue"
      icon={<IconInfoCircle aria-hidden />}
      title={t("extensionCustomer.used")}
      role="status"
    >
      {detail ? <Text size="sm">{detail}</Text> : null}
    </Alert>
  );
}
