import { Button, DataList, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { IconPhone } from "@tabler/icons-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMoney } from "../../../estimates/estimateUi";
import type { Extension } from "../../../extensions/extensionApi";
import { DecisionTag, ExtensionStatusBadge, UrgencyTag } from "../../../extensions/extensionUi";
import { AppModal } from "../../../shared/AppModal";
import { useFormat } from "../../../shared/format";
import { ScrollTable } from "../../../shared/ScrollTable";
import { useCan } from "../../../shared/session";
import { NumberTableHead } from "../NumberTableHead";
import { RecordDecisionForm } from "./RecordDecisionForm";

export function ExtensionRecord({ extension, workOrderId }: { extension: Extension; workOrderId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fmt = useMoney(extension.currency);
  const canWrite = useCan("work-orders:write");
  const [recording, setRecording] = useState(false);
  const titleId = useId();
  const decision = extension.decision;
  return (
    <Paper component="li" withBorder radius="md" p="sm" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <div>
            <Title order={4} size="h5" id={titleId}>
              {t("extension.sentOn", { date: format.dateTime(extension.sentAt) })}
            </Title>
            <Text size="xs" c="dimmed">
              {t("extension.sentBy", { name: extension.sentBy })}
            </Text>
          </div>
          <ExtensionStatusBadge status={extension.status} />
        </Group>
        {extension.note ? (
          <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
            {t("common.quoted", { text: extension.note })}
          </Text>
        ) : null}
        <ScrollTable minWidth={420} label={t("extension.itemsOf")}>
          <Table verticalSpacing={4} fz="sm" aria-label={t("extension.itemsOf")}>
            <NumberTableHead
              columns={[
                { label: t("extension.item") },
                { label: t("extension.gross"), numeric: true },
                { label: t("extension.decision") },
              ]}
            />
            <Table.Tbody>
              {extension.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="wrap">
                      <span>{item.description}</span>
                      <UrgencyTag urgency={item.urgency} />
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" className="pl-num">
                    {fmt.money(item.gross)}
                  </Table.Td>
                  <Table.Td>
                    {decision ? (
                      decision.approvedIds.includes(item.id) ? (
                        <DecisionTag approved />
                      ) : decision.declinedIds.includes(item.id) ? (
                        <DecisionTag approved={false} />
                      ) : null
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t("extension.waiting")}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t("extension.totalGross")}</Table.Th>
                <Table.Td ta="right" fw={700} className="pl-num">
                  {fmt.money(extension.totals.gross)}
                </Table.Td>
                <Table.Td />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </ScrollTable>
        {decision ? (
          <DataList labelWidth="9rem">
            <DataList.Item>
              <DataList.ItemLabel>{t("extension.decidedBy")}</DataList.ItemLabel>
              <DataList.ItemValue>{decision.by}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t("extension.decidedAt")}</DataList.ItemLabel>
              <DataList.ItemValue>{format.dateTime(decision.at)}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t("extension.approvedGross")}</DataList.ItemLabel>
              <DataList.ItemValue className="pl-num">
                {fmt.money(
                  extension.items
                    .filter((i) => decision.approvedIds.includes(i.id))
                    .reduce((sum, i) => sum + i.gross, 0),
                )}
              </DataList.ItemValue>
            </DataList.Item>
            {decision.ip ? (
              <DataList.Item>
                <DataList.ItemLabel>{t("extension.ip")}</DataList.ItemLabel>
                <DataList.ItemValue className="pl-num">{decision.ip}</DataList.ItemValue>
              </DataList.Item>
            ) : null}
            {decision.userAgent ? (
              <DataList.Item>
                <DataList.ItemLabel>{t("extension.userAgent")}</DataList.ItemLabel>
                <DataList.ItemValue style={{ overflowWrap: "anywhere" }}>
                  {decision.userAgent}
                </DataList.ItemValue>
              </DataList.Item>
            ) : null}
          </DataList>
        ) : canWrite ? (
          <div>
            <Button
              h={44}
              variant="default"
              leftSection={<IconPhone size={18} aria-hidden />}
              onClick={() => setRecording(true)}
            >
              {t("extension.recordByPhone")}
            </Button>
          </div>
        ) : null}
      </Stack>
      <AppModal opened={recording} onClose={() => setRecording(false)} title={t("extension.recordTitle")}>
        {recording ? (
          <RecordDecisionForm
            extension={extension}
            workOrderId={workOrderId}
            onClose={() => setRecording(false)}
          />
        ) : null}
      </AppModal>
    </Paper>
  );
}
