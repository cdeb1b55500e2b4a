import { Button, Group, Stack, Text } from "@mantine/core";
import { IconCheck, IconMessageReport, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../shared/ui";
import type { Dispute } from "./useDispute";

/** Approve, Dispute or Decline while the estimate awaits the customer; in dispute mode, Send or Cancel. */
export function DecisionButtons({
  approved,
  dispute,
  onOpen,
}: {
  approved: Set<string>;
  dispute: Dispute;
  onOpen: (modal: "approve" | "decline") => void;
}) {
  const { t } = useTranslation();
  const { mode, setMode, disputeError, setDisputeError, sending, sendDispute } = dispute;
  return mode === "dispute" ? (
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
        onClick={() => onOpen("approve")}
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
          onClick={() => onOpen("decline")}
        >
          {t("estimates.portal.decline")}
        </Button>
      </Group>
    </Stack>
  );
}
