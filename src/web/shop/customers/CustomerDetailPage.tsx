import {
  Anchor,
  Button,
  DataList,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconFileDollar, IconFileInvoice, IconPencil, IconPlus } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { AppModal } from "../../shared/AppModal";
import { isXRechnung } from "../../shared/eInvoice";
import { useFormat } from "../../shared/format";
import { rowClick } from "../../shared/rowClick";
import { ScrollTable } from "../../shared/ScrollTable";
import { useCan } from "../../shared/session";
import {
  DetailSkeleton,
  errorMessage,
  FormError,
  PageHeader,
  QueryError,
  TableSkeleton,
} from "../../shared/ui";
import type { Customer } from "../../types";
import { useCreateEstimate } from "../estimates/EstimatesPage";
import { unitTitle, useUnitList } from "../units/unitApi";
import { CustomerReceivablesCard } from "./CustomerReceivablesCard";
import { CustomerTypeBadge } from "./CustomerTypeBadge";
import { useCustomer } from "./customerApi";
import { PortalAccountsSection } from "./PortalAccountsSection";

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

export function CustomerDetailPage() {
  const canWrite = useCan("customers:write");
  const canManagePortal = useCan("portal-accounts:manage");
  const canCreateEstimate = useCan("estimates:write");
  const canReadInvoices = useCan("invoices:read");
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = "" } = useParams();
  const query = useCustomer(id);

  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("customers.title")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const customer = query.data;

  return (
    <>
      <PageHeader
        title={customer.displayName}
        description={<CustomerTypeBadge type={customer.type} />}
        actions={
          canWrite || canCreateEstimate || canReadInvoices ? (
            <>
              {canCreateEstimate ? <NewEstimateButton customerId={customer.id} /> : null}
              {canReadInvoices ? (
                // A plain link: the session cookie goes with it and the browser saves the PDF.
                <Button
                  component="a"
                  href={`/api/v1/customers/${encodeURIComponent(customer.id)}/statement-of-account.pdf`}
                  download
                  variant="default"
                  leftSection={<IconFileInvoice size={18} aria-hidden />}
                >
                  {t("accountingExports.statementOfAccount")}
                </Button>
              ) : null}
              {canWrite ? (
                <Button
                  variant="default"
                  leftSection={<IconPencil size={18} aria-hidden />}
                  onClick={() => navigate(`/shop/customers/${customer.id}/edit`)}
                >
                  {t("common.edit")}
                </Button>
              ) : null}
            </>
          ) : null
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ContactCard customer={customer} />
          <InvoicingCard customer={customer} />
          <CustomerReceivablesCard customer={customer} />
        </SimpleGrid>
        {customer.notes ? (
          <Paper withBorder radius="md" p="lg">
            <Title order={2} mb="sm">
              {t("customerDetail.notes")}
            </Title>
            <Text style={{ whiteSpace: "pre-wrap" }}>{customer.notes}</Text>
          </Paper>
        ) : null}
        <CustomerUnits customerId={customer.id} />
        {canManagePortal ? <PortalAccountsSection customerId={customer.id} /> : null}
      </Stack>
    </>
  );
}

function ContactCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const empty = t("common.notSet");
  const contactPerson = [customer.firstName, customer.lastName].filter(Boolean).join(" ");
  const cityLine = [customer.postalCode, customer.city].filter(Boolean).join(" ");
  const address = [customer.street, cityLine, customer.country].filter(Boolean);
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} mb="md">
        {t("customerDetail.contact")}
      </Title>
      <DataList labelWidth="11rem">
        {customer.type === "business" ? (
          <Item label={t("customerDetail.contactPerson")}>{contactPerson || empty}</Item>
        ) : null}
        <Item label={t("customerDetail.email")}>
          {customer.email ? <Anchor href={`mailto:${customer.email}`}>{customer.email}</Anchor> : empty}
        </Item>
        <Item label={t("customerDetail.phone")}>
          {customer.phone ? (
            <Anchor href={`tel:${customer.phone.replace(/\s+/g, "")}`}>{customer.phone}</Anchor>
          ) : (
            empty
          )}
        </Item>
        <Item label={t("customerDetail.address")}>
          {address.length > 0
            ? address.map((line) => (
                <Text key={line} size="sm">
                  {line}
                </Text>
              ))
            : empty}
        </Item>
        {customer.type === "business" ? (
          <Item label={t("customerDetail.vatId")}>{customer.vatId ?? empty}</Item>
        ) : null}
        <Item label={t("customerDetail.language")}>
          {customer.language === "de" ? t("customerForm.languageDe") : t("customerForm.languageEn")}
        </Item>
      </DataList>
    </Paper>
  );
}

function InvoicingCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const yesNo = (value: boolean) => (value ? t("common.yes") : t("common.no"));
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} mb="md">
        {t("customerDetail.invoicing")}
      </Title>
      <DataList labelWidth="14rem">
        <Item label={t("customerForm.requiresInvoiceAuthorisation")}>
          {yesNo(customer.requiresInvoiceAuthorisation)}
        </Item>
        <Item label={t("customerForm.paymentTermsDays")}>
          {t("customerDetail.paymentTermsValue", { count: customer.paymentTermsDays })}
        </Item>
        {customer.type === "business" ? (
          <Item label={t("customerForm.payOnAccount")}>{yesNo(customer.payOnAccount)}</Item>
        ) : null}
        <Item label={t("eInvoice.detailFormat")}>
          {customer.eInvoiceFormat
            ? t(`eInvoice.formats.${customer.eInvoiceFormat}`)
            : customer.type === "business"
              ? t("eInvoice.detailDefault")
              : t("eInvoice.formats.none")}
        </Item>
        {customer.buyerReference || isXRechnung(customer.eInvoiceFormat) ? (
          <Item label={t("eInvoice.buyerReference")}>
            <Text span size="sm" className="pl-num">
              {customer.buyerReference ?? t("common.notSet")}
            </Text>
          </Item>
        ) : null}
        {customer.eInvoiceAddress ? (
          <Item label={t("eInvoice.address")}>{customer.eInvoiceAddress}</Item>
        ) : null}
      </DataList>
    </Paper>
  );
}

function CustomerUnits({ customerId }: { customerId: string }) {
  const canWriteUnits = useCan("units:write");
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const query = useUnitList({ customerId, offset: 0, limit: 100 });
  const empty = t("common.notSet");

  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" mb="md" gap="sm">
        <Title order={2}>{t("customerDetail.units")}</Title>
        {canWriteUnits ? (
          <Button
            variant="light"
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => navigate(`/shop/units/new?customerId=${encodeURIComponent(customerId)}`)}
          >
            {t("customerDetail.newUnit")}
          </Button>
        ) : null}
      </Group>
      {query.isPending ? (
        <TableSkeleton rows={2} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed">{t("customerDetail.noUnits")}</Text>
      ) : (
        <ScrollTable minWidth={600} label={t("customerDetail.units")}>
          <Table highlightOnHover verticalSpacing="xs" aria-label={t("customerDetail.units")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("units.colMakeModel")}</Table.Th>
                <Table.Th scope="col">{t("units.colPlate")}</Table.Th>
                <Table.Th scope="col">{t("units.colVin")}</Table.Th>
                <Table.Th scope="col">{t("units.colFleetNumber")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("units.colOdometer")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((unit) => (
                <Table.Tr
                  key={unit.id}
                  className="pl-clickable-row"
                  onClick={rowClick(navigate, `/shop/units/${unit.id}`)}
                >
                  <Table.Td>
                    <Anchor component={Link} to={`/shop/units/${unit.id}`} fw={600}>
                      {unitTitle({ make: unit.make, model: unit.model, plate: null })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{unit.plate ?? empty}</Table.Td>
                  <Table.Td ff="monospace">{unit.vin ?? empty}</Table.Td>
                  <Table.Td>{unit.fleetNumber ?? empty}</Table.Td>
                  <Table.Td ta="right" className="pl-num">
                    {format.km(unit.odometerKm)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Paper>
  );
}

/** Starts a draft estimate for one of the customer's units and opens the editor. */
function NewEstimateButton({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button leftSection={<IconFileDollar size={18} aria-hidden />} onClick={() => setOpened(true)}>
        {t("estimates.newEstimate")}
      </Button>
      <AppModal opened={opened} onClose={() => setOpened(false)} title={t("estimates.newEstimate")}>
        {opened ? <NewEstimateForm customerId={customerId} onClose={() => setOpened(false)} /> : null}
      </AppModal>
    </>
  );
}

function NewEstimateForm({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateEstimate();
  // The same query as the units table below, so usually already loaded.
  const units = useUnitList({ customerId, offset: 0, limit: 100 });
  const items = units.data?.items ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  // With a single unit there is nothing to choose.
  const unitId = picked ?? (items.length === 1 ? (items[0]?.id ?? null) : null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!unitId) return;
    setBusy(true);
    setError(null);
    try {
      await create(unitId);
      onClose();
    } catch (err) {
      setError(errorMessage(err, t("errors.saveFailed")));
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack gap="md">
        <FormError message={error} />
        {units.isError ? (
          <QueryError error={units.error} onRetry={() => void units.refetch()} />
        ) : !units.isPending && items.length === 0 ? (
          <Text>{t("estimates.noCustomerUnits")}</Text>
        ) : (
          <Select
            label={t("estimates.unit")}
            description={t("estimates.newEstimateForCustomerHint")}
            data={items.map((unit) => ({ value: unit.id, label: unitTitle(unit) }))}
            value={unitId}
            onChange={setPicked}
            allowDeselect={false}
            disabled={units.isPending}
            required
            data-autofocus
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" disabled={!unitId} loading={busy}>
            {t("estimates.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
