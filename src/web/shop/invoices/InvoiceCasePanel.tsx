// The invoice case on an issued invoice: payment status, received/open, sent, delivered and booked,
// and the actions around them — Send invoice (and resend), Cancel payment link, Paid POS, Delivered
// (asking before an unpaid vehicle leaves) and Booked. A case is closed when paid, delivered and booked.
// Money the provider reported but Pitlane did not count (a refund beyond its payment) stands on top
// until someone marks it reviewed.
import {
  Alert,
  Badge,
  Button,
  DataList,
  Group,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import {
  IconAlertTriangle,
  IconBook,
  IconCash,
  IconChecks,
  IconCircleCheck,
  IconKey,
  IconLinkOff,
  IconMail,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { addDays } from "../../../domain/invoice";
import { api, isApiError } from "../../api";
import { parseScaled } from "../../estimates/estimateApi";
import { useMoney } from "../../estimates/estimateUi";
import { AppModal } from "../../shared/AppModal";
import { useFormat } from "../../shared/format";
import { notifySuccess } from "../../shared/notify";
import { useCan } from "../../shared/session";
import { FormError } from "../../shared/ui";
import { useCustomer } from "../customers/customerApi";
import {
  type Invoice,
  type InvoiceDetail,
  invoiceKeys,
  invoicePath,
  type PaymentLink,
  type PaymentReview,
} from "./invoiceApi";
import { PaymentStatusBadge, problemText, useDayFormat } from "./invoiceUi";

type Dialog = "send" | "cancel-link" | "pos" | "deliver" | "book" | { review: PaymentReview } | null;

export function ClosedBadge({ size = "md" }: { size?: "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="filled"
      color="dark"
      radius="sm"
      tt="none"
      size={size}
      leftSection={<IconCircleCheck size={14} aria-hidden />}
      style={{ flexShrink: 0 }}
    >
      {t("invoiceCase.closed")}
    </Badge>
  );
}

export function InvoiceCasePanel({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const canWrite = useCan("invoices:write");
  const queryClient = useQueryClient();
  const format = useFormat();
  const fmt = useMoney(invoice.currency);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const changed = () => void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });

  const credited = invoice.paymentStatus === "credited";
  const payable = invoice.open > 0 && !credited;
  const actions = canWrite && !credited;

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="invoice-case-title">
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Title order={2} id="invoice-case-title">
          {t("invoiceCase.title")}
        </Title>
        <Group gap={6}>
          <PaymentStatusBadge status={invoice.paymentStatus} />
          {invoice.closed ? <ClosedBadge /> : null}
        </Group>
      </Group>
      <Stack gap="sm">
        {invoice.closed ? (
          <Text size="sm" c="dimmed">
            {t("invoiceCase.closedHint")}
          </Text>
        ) : null}
        {invoice.paymentReviews.map((review) => (
          <PaymentReviewAlert
            key={review.id}
            review={review}
            canResolve={canWrite}
            onResolve={() => setDialog({ review })}
          />
        ))}
        {invoice.overpaid ? (
          <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} p="xs">
            {t("invoiceCase.overpaid")}
          </Alert>
        ) : null}
        <DataList labelWidth="7rem">
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.received")}</DataList.ItemLabel>
            <DataList.ItemValue className="pl-num">{fmt.money(invoice.received)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.open")}</DataList.ItemLabel>
            <DataList.ItemValue className="pl-num" fw={700}>
              {fmt.money(invoice.open)}
            </DataList.ItemValue>
          </DataList.Item>
          <SentItem invoice={invoice} />
          {invoice.paymentLink ? (
            <DataList.Item>
              <DataList.ItemLabel>{t("invoiceCase.paymentLink")}</DataList.ItemLabel>
              <DataList.ItemValue>
                <PaymentLinkState link={invoice.paymentLink} />
              </DataList.ItemValue>
            </DataList.Item>
          ) : null}
          <DataList.Item>
            <DataList.ItemLabel>{t("invoiceCase.delivered")}</DataList.ItemLabel>
            <DataList.ItemValue>
              {invoice.deliveredAt
                ? t("invoiceCase.deliveredToOn", {
                    name: invoice.deliveredTo ?? "",
                    date: format.dateTime(invoice.deliveredAt),
                  })
                : t("invoiceCase.notDelivered")}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("invoiceCase.booked")}</DataList.ItemLabel>
            <DataList.ItemValue>
              {invoice.bookedAt
                ? t("invoiceCase.bookedOn", { date: format.dateTime(invoice.bookedAt) })
                : t("invoiceCase.notBooked")}
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
        {actions ? (
          <Group gap="xs" className="pl-no-print">
            {payable ? (
              <Button leftSection={<IconMail size={18} aria-hidden />} onClick={() => setDialog("send")}>
                {invoice.sentAt ? t("invoiceCase.resend") : t("invoiceCase.send")}
              </Button>
            ) : null}
            {payable ? (
              <Button
                variant="default"
                leftSection={<IconCash size={18} aria-hidden />}
                onClick={() => setDialog("pos")}
              >
                {t("invoiceCase.paidPos")}
              </Button>
            ) : null}
            {invoice.deliveredAt ? null : (
              <Button
                variant="default"
                leftSection={<IconKey size={18} aria-hidden />}
                onClick={() => setDialog("deliver")}
              >
                {t("invoiceCase.deliver")}
              </Button>
            )}
            {invoice.bookedAt ? null : (
              <Button
                variant="default"
                leftSection={<IconBook size={18} aria-hidden />}
                onClick={() => setDialog("book")}
              >
                {t("invoiceCase.book")}
              </Button>
            )}
            {payable && invoice.paymentLink?.state === "active" ? (
              <Button
                variant="outline"
                color="red.9"
                leftSection={<IconLinkOff size={18} aria-hidden />}
                onClick={() => setDialog("cancel-link")}
              >
                {t("invoiceCase.cancelLink")}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
      {dialog === "send" ? <SendModal invoice={invoice} onClose={close} onDone={changed} /> : null}
      {dialog === "cancel-link" ? (
        <CancelLinkModal invoice={invoice} onClose={close} onDone={changed} />
      ) : null}
      {dialog === "pos" ? <PaidPosModal invoice={invoice} onClose={close} onDone={changed} /> : null}
      {dialog === "deliver" ? <DeliverModal invoice={invoice} onClose={close} onDone={changed} /> : null}
      {dialog === "book" ? <BookModal invoice={invoice} onClose={close} onDone={changed} /> : null}
      {typeof dialog === "object" && dialog ? (
        <ResolveReviewModal invoice={invoice} review={dialog.review} onClose={close} onDone={changed} />
      ) : null}
    </Paper>
  );
}

/** Sent: to whom and when, or not yet. */
function SentItem({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataList.Item>
      <DataList.ItemLabel>{t("invoiceCase.sent")}</DataList.ItemLabel>
      <DataList.ItemValue>
        {invoice.sentAt
          ? t("invoiceCase.sentToOn", { to: invoice.sentTo ?? "", date: format.dateTime(invoice.sentAt) })
          : t("invoiceCase.notSent")}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

/** Where the payment link stands (the Sent row above says to whom and when): first opened, cancelled (when, by whom) or expired. */
function PaymentLinkState({ link }: { link: PaymentLink }) {
  const { t } = useTranslation();
  const format = useFormat();
  const color = link.state === "active" ? "teal" : link.state === "cancelled" ? "red" : "gray";
  return (
    <Stack gap={2} data-testid="payment-link-state">
      <Group gap={6}>
        <Badge variant="light" color={color} radius="sm" tt="none">
          {t(`invoiceCase.linkState.${link.state}`)}
        </Badge>
      </Group>
      <Text size="sm">
        {link.openedAt
          ? t("invoiceCase.linkOpened", { date: format.dateTime(link.openedAt) })
          : t("invoiceCase.linkNotOpened")}
      </Text>
      {link.state === "cancelled" && link.cancelledAt ? (
        <Text size="sm">
          {link.cancelledBy
            ? t("invoiceCase.linkCancelledBy", {
                date: format.dateTime(link.cancelledAt),
                name: link.cancelledBy,
              })
            : t("invoiceCase.linkCancelledOn", { date: format.dateTime(link.cancelledAt) })}
        </Text>
      ) : null}
      {link.state === "expired" ? (
        <Text size="sm">{t("invoiceCase.linkExpired", { date: format.dateTime(link.expiresAt) })}</Text>
      ) : null}
    </Stack>
  );
}

/** On a credit note: whether and to whom it was mailed, and Send credit note (its PDF, no payment link). */
export function CreditNoteSendPanel({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const canWrite = useCan("invoices:write");
  const queryClient = useQueryClient();
  const [sending, setSending] = useState(false);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="credit-note-send-title">
      <Title order={2} id="credit-note-send-title" mb="sm">
        {t("invoiceCase.creditNoteTitle")}
      </Title>
      <Stack gap="sm">
        <DataList labelWidth="7rem">
          <SentItem invoice={invoice} />
        </DataList>
        {canWrite ? (
          <Group gap="xs" className="pl-no-print">
            <Button leftSection={<IconMail size={18} aria-hidden />} onClick={() => setSending(true)}>
              {invoice.sentAt ? t("invoiceCase.resend") : t("invoiceCase.sendCreditNote")}
            </Button>
          </Group>
        ) : null}
      </Stack>
      {sending ? (
        <SendModal
          invoice={invoice}
          onClose={() => setSending(false)}
          onDone={() => void queryClient.invalidateQueries({ queryKey: invoiceKeys.all })}
        />
      ) : null}
    </Paper>
  );
}

/** A refund reported beyond its payment: what was reported, what was not counted, and Mark as reviewed. */
function PaymentReviewAlert({
  review,
  canResolve,
  onResolve,
}: {
  review: PaymentReview;
  canResolve: boolean;
  onResolve: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const fmt = useMoney(review.currency);
  const provider =
    review.source === "stripe"
      ? t("invoiceCase.providerStripe")
      : review.source === "sandbox"
        ? t("invoiceCase.providerSandbox")
        : review.source;
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle aria-hidden />}
      title={t("invoiceCase.reviewTitle")}
      p="sm"
    >
      <Stack gap="xs">
        <Text size="sm">
          {t("invoiceCase.refundExcess", {
            provider,
            reported: fmt.money(review.reportedTotal),
            paid: fmt.money(review.paymentAmount),
            excess: fmt.money(review.amount),
          })}
        </Text>
        <Text size="xs" c="dark.6" style={{ overflowWrap: "anywhere" }}>
          {t("invoiceCase.reviewReference", {
            reference: review.reference,
            date: format.dateTime(review.createdAt),
          })}
        </Text>
        {canResolve ? (
          <Group className="pl-no-print">
            <Button
              size="sm"
              variant="default"
              leftSection={<IconChecks size={18} aria-hidden />}
              onClick={onResolve}
            >
              {t("invoiceCase.markReviewed")}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}

interface ModalProps {
  invoice: Invoice;
  onClose: () => void;
  onDone: () => void;
}

/** Runs one request with busy and error state; true when it succeeded. */
function useAction() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>, onError?: (err: unknown) => boolean) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      if (!onError?.(err)) setError(problemText(err, t("errors.saveFailed")));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

function fieldError(err: unknown, field: string): string | null {
  if (!isApiError(err)) return null;
  return err.fieldErrors.find((e) => e.field === field)?.message ?? null;
}

function SendModal({ invoice, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const customer = useCustomer(invoice.customerId);
  const [to, setTo] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [toError, setToError] = useState<string | null>(null);
  const creditNote = invoice.kind === "credit_note";
  // The due date the invoice goes out with: the one it has (the customer's payment terms from the
  // invoice date, set at issue), changeable here as the DealerRock guide has it.
  const terms = customer.data?.paymentTermsDays;
  const [dueDate, setDueDate] = useState<string | null>(null);
  const due =
    dueDate ??
    invoice.dueDate ??
    (invoice.issueDate && terms !== undefined ? addDays(invoice.issueDate, terms) : "");
  const [dueError, setDueError] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const recipient = to ?? customer.data?.email ?? "";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = recipient.trim();
    const addressOk = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address);
    setToError(addressOk ? null : t("invoiceCase.toInvalid"));
    let dueOk = true;
    if (!creditNote) {
      const problem = !/^\d{4}-\d{2}-\d{2}$/.test(due)
        ? t("invoiceCase.dueRequired")
        : invoice.issueDate && due < invoice.issueDate
          ? t("invoiceCase.dueBeforeIssue", { date: day(invoice.issueDate) ?? "" })
          : null;
      setDueError(problem);
      dueOk = !problem;
    }
    if (!addressOk || !dueOk) return;
    await run(
      async () => {
        const sent = await api.post<{ to: string }>(`${invoicePath(invoice.id)}/send`, {
          to: address,
          ...(creditNote ? {} : { dueDate: due }),
          note: note.trim() || null,
        });
        notifySuccess(t(creditNote ? "invoiceCase.creditNoteSentTo" : "invoiceCase.sentTo", { to: sent.to }));
        onDone();
        onClose();
      },
      (err) => {
        const toMessage = fieldError(err, "to");
        const dueMessage = fieldError(err, "dueDate");
        if (toMessage) setToError(toMessage);
        if (dueMessage) setDueError(dueMessage);
        return !!(toMessage || dueMessage);
      },
    );
  };

  return (
    <AppModal
      opened
      onClose={onClose}
      title={t(creditNote ? "invoiceCase.sendCreditNoteTitle" : "invoiceCase.sendTitle", {
        number: invoice.number ?? "",
      })}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <FormError message={error} />
          {invoice.sentAt && !creditNote ? (
            <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
              {t("invoiceCase.resendHint")}
            </Alert>
          ) : null}
          <TextInput
            label={t("invoiceCase.to")}
            description={t("invoiceCase.toHint")}
            type="email"
            autoComplete="off"
            required
            value={recipient}
            error={toError}
            onChange={(event) => setTo(event.currentTarget.value)}
            data-autofocus
          />
          {creditNote ? null : (
            <TextInput
              type="date"
              label={t("invoiceCase.dueDate")}
              description={
                terms !== undefined
                  ? t("invoiceCase.dueDateHintDays", { count: terms })
                  : t("invoiceCase.dueDateHint")
              }
              required
              min={invoice.issueDate ?? undefined}
              value={due}
              error={dueError}
              onChange={(event) => {
                setDueDate(event.currentTarget.value);
                setDueError(null);
              }}
            />
          )}
          <Textarea
            label={t("invoiceCase.sendNote")}
            description={t(creditNote ? "invoiceCase.sendNoteHintCredit" : "invoiceCase.sendNoteHint")}
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} leftSection={<IconMail size={18} aria-hidden />}>
              {t(creditNote ? "invoiceCase.sendCreditNote" : "invoiceCase.sendConfirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function CancelLinkModal({ invoice, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const cancel = () =>
    void run(async () => {
      await api.post(`${invoicePath(invoice.id)}/payment-link/cancel`);
      notifySuccess(t("invoiceCase.linkCancelled"));
      onDone();
      onClose();
    });
  return (
    <AppModal opened onClose={onClose} title={t("invoiceCase.cancelLinkTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Text size="sm">{t("invoiceCase.cancelLinkText")}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("invoiceCase.keepLink")}
          </Button>
          <Button color="red.9" loading={busy} onClick={cancel}>
            {t("invoiceCase.cancelLink")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function PaidPosModal({ invoice, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const fmt = useMoney(invoice.currency);
  const [amount, setAmount] = useState(() => fmt.moneyInput(invoice.open));
  const [method, setMethod] = useState<"cash" | "card_terminal">("cash");
  const [reference, setReference] = useState("");
  const [amountError, setAmountError] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseScaled(amount, 100);
    if (cents === null || cents <= 0) {
      setAmountError(t("invoiceCase.amountInvalid"));
      return;
    }
    setAmountError(null);
    await run(
      async () => {
        await api.post(`${invoicePath(invoice.id)}/payments`, {
          amount: cents,
          method,
          reference: reference.trim() || null,
        });
        notifySuccess(t("invoiceCase.paymentRecorded", { amount: fmt.money(cents) }));
        onDone();
        onClose();
      },
      (err) => {
        const message = fieldError(err, "amount");
        if (message) setAmountError(message);
        return !!message;
      },
    );
  };

  return (
    <AppModal opened onClose={onClose} title={t("invoiceCase.paidPosTitle")}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <FormError message={error} />
          <TextInput
            label={t("invoiceCase.amount")}
            description={t("invoiceCase.amountHint", { amount: fmt.money(invoice.open) })}
            inputMode="decimal"
            autoComplete="off"
            required
            value={amount}
            error={amountError}
            onChange={(event) => setAmount(event.currentTarget.value)}
            className="pl-num"
            data-autofocus
          />
          <Radio.Group
            label={t("invoiceCase.method")}
            value={method}
            onChange={(value) => setMethod(value === "card_terminal" ? "card_terminal" : "cash")}
          >
            <Group gap="lg" mt={6}>
              <Radio value="cash" label={t("invoiceCase.cash")} />
              <Radio value="card_terminal" label={t("invoiceCase.cardTerminal")} />
            </Group>
          </Radio.Group>
          <TextInput
            label={t("invoiceCase.receipt")}
            autoComplete="off"
            maxLength={100}
            value={reference}
            onChange={(event) => setReference(event.currentTarget.value)}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} leftSection={<IconCash size={18} aria-hidden />}>
              {t("invoiceCase.recordPayment")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function DeliverModal({ invoice, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const [deliveredTo, setDeliveredTo] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  /** The server's warning when the vehicle would leave unpaid; the next submit confirms it. */
  const [unpaidWarning, setUnpaidWarning] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const name = deliveredTo.trim();
    if (!name) {
      setNameError(t("invoiceCase.deliveredToRequired"));
      return;
    }
    setNameError(null);
    await run(
      async () => {
        await api.post(`${invoicePath(invoice.id)}/deliver`, {
          deliveredTo: name,
          ...(unpaidWarning ? { confirmUnpaid: true } : {}),
        });
        notifySuccess(t("invoiceCase.deliveredDone"));
        onDone();
        onClose();
      },
      (err) => {
        if (isApiError(err) && err.status === 409 && err.fieldErrors[0]?.field === "confirmUnpaid") {
          setUnpaidWarning(err.detail);
          return true;
        }
        const message = fieldError(err, "deliveredTo");
        if (message) setNameError(message);
        return !!message;
      },
    );
  };

  return (
    <AppModal opened onClose={onClose} title={t("invoiceCase.deliverTitle")}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <FormError message={error} />
          <TextInput
            label={t("invoiceCase.deliveredTo")}
            autoComplete="off"
            required
            maxLength={200}
            value={deliveredTo}
            error={nameError}
            onChange={(event) => setDeliveredTo(event.currentTarget.value)}
            data-autofocus
          />
          {unpaidWarning ? (
            <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {unpaidWarning}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button
              type="submit"
              loading={busy}
              color={unpaidWarning ? "red.9" : undefined}
              leftSection={<IconKey size={18} aria-hidden />}
            >
              {unpaidWarning ? t("invoiceCase.handOverAnyway") : t("invoiceCase.deliverConfirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function ResolveReviewModal({ invoice, review, onClose, onDone }: ModalProps & { review: PaymentReview }) {
  const { t } = useTranslation();
  const fmt = useMoney(review.currency);
  const [note, setNote] = useState("");
  const { busy, error, run } = useAction();
  const resolve = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.post(`${invoicePath(invoice.id)}/payment-reviews/${encodeURIComponent(review.id)}/resolve`, {
        note: note.trim() || null,
      });
      notifySuccess(t("invoiceCase.resolved"));
      onDone();
      onClose();
    });
  };
  return (
    <AppModal opened onClose={onClose} title={t("invoiceCase.resolveTitle")}>
      <form onSubmit={resolve} noValidate>
        <Stack gap="md">
          <FormError message={error} />
          <Text size="sm">{t("invoiceCase.resolveText", { excess: fmt.money(review.amount) })}</Text>
          <Textarea
            label={t("invoiceCase.resolveNote")}
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} leftSection={<IconChecks size={18} aria-hidden />}>
              {t("invoiceCase.markReviewed")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function BookModal({ invoice, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const book = () =>
    void run(async () => {
      await api.post(`${invoicePath(invoice.id)}/book`);
      notifySuccess(t("invoiceCase.bookedDone", { number: invoice.number ?? "" }));
      onDone();
      onClose();
    });
  return (
    <AppModal opened onClose={onClose} title={t("invoiceCase.bookTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Text size="sm">{t("invoiceCase.bookText", { number: invoice.number ?? "" })}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("common.cancel")}
          </Button>
          <Button loading={busy} leftSection={<IconBook size={18} aria-hidden />} onClick={book}>
            {t("invoiceCase.bookConfirm")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
