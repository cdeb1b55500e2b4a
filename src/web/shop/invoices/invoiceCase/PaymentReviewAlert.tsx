import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconChecks } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useMoney } from "../../../estimates/estimateUi";
import { useFormat } from "../../../shared/format";
import type { PaymentReview } from "../invoiceApi";

/** A refund reported beyond its payment: what was reported, what was not counted, and Mark as reviewed. */
export function PaymentReviewAlert({
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
