import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMoney } from "../../../estimates/estimateUi";
import { AppModal } from "../../../shared/AppModal";
import type { WorkOrder } from "../workOrderApi";
import { HoursCheck, HoursWarning } from "./HoursCheck";

export function ConfirmMoveModal({
  move,
  order,
  busy,
  onClose,
  onConfirm,
}: {
  move: "submit" | "invoice" | null;
  order: WorkOrder;
  busy: boolean;
  onClose: () => void;
  onConfirm: (note: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(order.currency);
  const [note, setNote] = useState("");
  return (
    <AppModal
      opened={move !== null}
      onClose={onClose}
      title={move ? t(`workOrders.confirm.${move}Title`) : ""}
    >
      {move ? (
        <Stack gap="md">
          <Text size="sm">
            {t(`workOrders.confirm.${move}`, {
              number: order.number,
              customer: order.customerName,
              gross: fmt.money(order.billing.totals.gross),
            })}
          </Text>
          <HoursWarning order={order} />
          <HoursCheck order={order} />
          <Textarea
            label={t("workOrders.note")}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button loading={busy} onClick={() => void onConfirm(note.trim())}>
              {t(`workOrders.moves.${move}`)}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </AppModal>
  );
}
