import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { IconLock, IconSend } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { errorMessage, FormError } from "../../shared/ui";
import type { OutboxCustomerLink } from "../../types";
import { useResendMessage } from "./outboxApi";

/** Why the link is hidden, and Resend: a fresh link goes to the customer, never to the screen. */
export function CustomerLinkNotice({
  id,
  link,
  onResent,
}: {
  id: string;
  link: OutboxCustomerLink;
  onResent: () => void;
}) {
  const { t } = useTranslation();
  const resend = useResendMessage(id, onResent);
  const why =
    link.state === "used" || link.state === "cancelled"
      ? t(`outbox.cannotResend_${link.state}`)
      : !link.resendable
        ? t("outbox.cannotResend_role")
        : null;
  return (
    <Alert color="blue" icon={<IconLock aria-hidden />} title={t("outbox.linkHiddenTitle")}>
      <Stack gap="sm">
        <Text size="sm">{t("outbox.linkHidden")}</Text>
        {link.resendable && link.purpose === "invoice-payment" ? (
          <Text size="sm">{t("outbox.resendPaymentHint")}</Text>
        ) : null}
        <FormError message={resend.isError ? errorMessage(resend.error, t("errors.saveFailed")) : null} />
        {why ? (
          <Text size="sm" c="dimmed">
            {why}
          </Text>
        ) : (
          <Group>
            <Button
              leftSection={<IconSend size={18} aria-hidden />}
              loading={resend.isPending}
              onClick={() => resend.mutate()}
            >
              {t("outbox.resend")}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
