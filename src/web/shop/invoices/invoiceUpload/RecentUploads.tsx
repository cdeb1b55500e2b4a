// The recent uploads (the first 25, newest first), each to its review page: /shop/invoices/uploads,
// linked from the Invoices dashboard (a page of its own, so the dashboard's first paint asks for
// nothing more than the invoices).
import { Anchor, Badge, Group, Paper, Table, Text } from "@mantine/core";
import { IconFileInvoice } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMoney } from "../../../estimates/estimateUi";
import { useFormat } from "../../../shared/format";
import { ScrollTable } from "../../../shared/ScrollTable";
import { QueryError, TableSkeleton } from "../../../shared/ui";
import { type InvoiceUploadRow, type UploadStatus, useInvoiceUploads } from "./uploadApi";

const STATUS_COLORS: Record<UploadStatus, string> = {
  reading: "blue",
  ready: "yellow",
  unreadable: "red",
  created: "green",
};

export function UploadStatusBadge({ status }: { status: UploadStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t(`invoiceUploads.status.${status}`)}
    </Badge>
  );
}

export function RecentUploads() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useInvoiceUploads();
  return (
    <Paper withBorder radius="md" p="md">
      {query.isPending ? (
        <TableSkeleton rows={2} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Group gap="xs" wrap="nowrap">
          <IconFileInvoice size={18} aria-hidden />
          <Text size="sm" c="dimmed">
            {t("invoiceUploads.listEmpty")}
          </Text>
        </Group>
      ) : (
        <ScrollTable minWidth={720} label={t("invoiceUploads.listTitle")}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("invoiceUploads.col.file")}</Table.Th>
                <Table.Th>{t("invoiceUploads.col.status")}</Table.Th>
                <Table.Th>{t("invoiceUploads.col.number")}</Table.Th>
                <Table.Th>{t("invoiceUploads.col.buyer")}</Table.Th>
                <Table.Th ta="right">{t("invoiceUploads.col.gross")}</Table.Th>
                <Table.Th>{t("invoiceUploads.col.uploaded")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((u) => (
                <UploadRow key={u.id} upload={u} when={format.dateTime(u.createdAt)} />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Paper>
  );
}

function UploadRow({ upload, when }: { upload: InvoiceUploadRow; when: string }) {
  const { t } = useTranslation();
  const fmt = useMoney(upload.currency ?? "EUR");
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor
          component={Link}
          to={`/shop/invoices/uploads/${upload.id}`}
          fw={600}
          style={{ wordBreak: "break-all" }}
        >
          {upload.fileName}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <UploadStatusBadge status={upload.status} />
      </Table.Td>
      <Table.Td className="pl-num">{upload.documentNumber ?? t("common.notSet")}</Table.Td>
      <Table.Td>{upload.buyerName ?? t("common.notSet")}</Table.Td>
      <Table.Td ta="right" className="pl-num">
        {upload.gross === null ? t("common.notSet") : fmt.money(upload.gross)}
      </Table.Td>
      <Table.Td>{when}</Table.Td>
    </Table.Tr>
  );
}
