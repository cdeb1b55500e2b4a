import { Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMoney } from "../../../estimates/estimateUi";
import { type InvoiceDetail, signed } from "../invoiceApi";
import { useDayFormat } from "../invoiceUi";

/** On an invoice: the credit notes against it, each with its number, date and amount (negative, as printed). */
export function CreditNotesList({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const fmt = useMoney(invoice.currency);
  const day = useDayFormat();
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="credit-notes-title">
      <Title order={2} mb="sm" id="credit-notes-title">
        {t("invoices.creditNotes")}
      </Title>
      <Stack gap={6} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {invoice.creditNotes.map((note) => (
          <Group key={note.id} component="li" justify="space-between" gap="xs" wrap="nowrap">
            <Stack gap={0}>
              <Anchor component={Link} to={`/shop/invoices/${note.id}`} className="pl-num" fw={600}>
                {note.number ?? t("invoices.creditNote")}
              </Anchor>
              <Text size="xs" c="dark.6">
                {day(note.issueDate) ?? ""}
              </Text>
            </Stack>
            <Text className="pl-num" fw={600}>
              {fmt.money(signed("credit_note", note.gross))}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
