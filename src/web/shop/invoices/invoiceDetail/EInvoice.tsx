// The invoice's e-invoice (issue #16): what a draft still lacks for the customer's format (before
// Issue refuses it), and the issued invoice's file in the customer's format or, anyway, another one.
import { ActionIcon, Alert, Anchor, Button, Group, List, Menu, Text } from "@mantine/core";
import { IconAlertTriangle, IconChevronDown, IconFileCode } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PRODUCIBLE_FORMATS } from "../../../shared/eInvoice";
import { useCan } from "../../../shared/session";
import { type EInvoiceCheck, eInvoiceHref, type Invoice } from "../invoiceApi";

/** The facts the customer's e-invoice needs and the draft lacks, with where to add them. */
export function EInvoiceMissingAlert({
  invoice,
  check,
}: {
  invoice: Pick<Invoice, "id" | "customerId">;
  check: EInvoiceCheck | undefined;
}) {
  const { t } = useTranslation();
  const canEditCustomer = useCan("customers:write");
  const canEditSettings = useCan("settings:write");
  const canEditInvoice = useCan("invoices:write");
  if (!check || check.format === "none" || check.missing.length === 0) return null;
  const label = check.label ?? t(`eInvoice.formats.${check.format}`);
  const about = (prefix: string) => check.missing.some((m) => m.field.startsWith(prefix));
  const invoiceFact = check.missing.some((m) => !/^(customer|location)\./.test(m.field));
  const links = [
    about("customer.") && canEditCustomer ? (
      <Anchor key="customer" component={Link} to={`/shop/customers/${invoice.customerId}/edit`} size="sm">
        {t("eInvoice.editCustomer")}
      </Anchor>
    ) : null,
    about("location.") && canEditSettings ? (
      <Anchor key="settings" component={Link} to="/shop/settings" size="sm">
        {t("eInvoice.openSettings")}
      </Anchor>
    ) : null,
    invoiceFact && canEditInvoice ? (
      <Anchor key="invoice" component={Link} to={`/shop/invoices/${invoice.id}/edit`} size="sm">
        {t("eInvoice.editInvoice")}
      </Anchor>
    ) : null,
  ].filter(Boolean);
  return (
    <Alert
      color="yellow"
      icon={<IconAlertTriangle aria-hidden />}
      title={t("eInvoice.missingTitle")}
      className="pl-no-print"
    >
      <Text size="sm" mb={4}>
        {t("eInvoice.missingIntro", { label })}
      </Text>
      <List size="sm" spacing={2}>
        {check.missing.map((m) => (
          <List.Item key={`${m.field}:${m.message}`}>{m.message}</List.Item>
        ))}
      </List>
      {links.length > 0 ? (
        <Group gap="md" mt="xs">
          {links}
        </Group>
      ) : null}
    </Alert>
  );
}

/** Download e-invoice (the customer's format), and a menu with the other formats. */
export function EInvoiceDownload({ invoiceId, check }: { invoiceId: string; check: EInvoiceCheck }) {
  const { t } = useTranslation();
  if (check.format === "none") return null;
  const label = check.label ?? t(`eInvoice.formats.${check.format}`);
  const others = PRODUCIBLE_FORMATS.filter((f) => f !== check.format);
  return (
    <Group gap={0} wrap="nowrap" className="pl-no-print">
      <Button
        component="a"
        href={eInvoiceHref(invoiceId)}
        download
        variant="default"
        title={t("eInvoice.customerGets", { label })}
        leftSection={<IconFileCode size={18} aria-hidden />}
        style={{ borderStartEndRadius: 0, borderEndEndRadius: 0 }}
      >
        {t("eInvoice.download")}
      </Button>
      {/* No focus placeholder: a focusable div inside role=menu is a child axe does not allow. */}
      <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <ActionIcon
            variant="default"
            size={36}
            aria-label={t("eInvoice.otherFormats")}
            style={{ borderStartStartRadius: 0, borderEndStartRadius: 0, borderInlineStart: 0 }}
          >
            <IconChevronDown size={16} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {/* Items only: a label or divider inside role=menu is not allowed there (axe). */}
          {others.map((format) => (
            <Menu.Item key={format} component="a" href={eInvoiceHref(invoiceId, format)} download>
              {t("eInvoice.downloadAs", { label: t(`eInvoice.formats.${format}`) })}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
