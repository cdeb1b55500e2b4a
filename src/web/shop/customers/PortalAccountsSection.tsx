import { Button, Group, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconKey } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { AppModal } from "../../shared/AppModal";
import { useFormat } from "../../shared/format";
import { applyServerErrors, focusFirstInvalid, isEmail } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { PasswordField } from "../../shared/PasswordField";
import { ScrollTable } from "../../shared/ScrollTable";
import { FormError, QueryError, TableSkeleton } from "../../shared/ui";
import { customerKeys, usePortalAccounts } from "./customerApi";

/** Portal logins of one customer, plus the "Create portal login" dialog. */
export function PortalAccountsSection({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = usePortalAccounts(customerId);
  const [opened, setOpened] = useState(false);

  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" mb="xs" gap="sm">
        <Title order={2}>{t("customerDetail.portalAccounts")}</Title>
        <Button
          variant="light"
          leftSection={<IconKey size={18} aria-hidden />}
          onClick={() => setOpened(true)}
        >
          {t("customerDetail.createPortalLogin")}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t("customerDetail.portalAccountsHint")}
      </Text>
      {query.isPending ? (
        <TableSkeleton rows={2} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed">{t("customerDetail.noPortalAccounts")}</Text>
      ) : (
        <ScrollTable minWidth={560} label={t("customerDetail.portalAccounts")}>
          <Table verticalSpacing="xs" aria-label={t("customerDetail.portalAccounts")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("customerDetail.colName")}</Table.Th>
                <Table.Th scope="col">{t("customerDetail.colEmail")}</Table.Th>
                <Table.Th scope="col">{t("customerDetail.colCreated")}</Table.Th>
                <Table.Th scope="col">{t("customerDetail.colLastLogin")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((account) => (
                <Table.Tr key={account.id}>
                  <Table.Td>{account.name}</Table.Td>
                  <Table.Td>{account.email}</Table.Td>
                  <Table.Td className="pl-num">{format.dateTime(account.createdAt)}</Table.Td>
                  <Table.Td className="pl-num">
                    {account.lastLoginAt ? format.dateTime(account.lastLoginAt) : t("customerDetail.never")}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <AppModal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t("customerDetail.createPortalLogin")}
        centered
        size="md"
      >
        {opened ? <CreatePortalLoginForm customerId={customerId} onDone={() => setOpened(false)} /> : null}
      </AppModal>
    </Paper>
  );
}

function CreatePortalLoginForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: "", email: "", password: "" },
    validate: {
      name: (value) => (value.trim() ? null : t("errors.required")),
      email: (value) =>
        !value.trim() ? t("errors.required") : isEmail(value) ? null : t("errors.emailInvalid"),
      password: (value) => (value.length >= 12 ? null : t("customerDetail.portalPasswordTooShort")),
    },
  });

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        await api.post(`/api/v1/customers/${encodeURIComponent(customerId)}/portal-accounts`, {
          name: values.name.trim(),
          email: values.email.trim(),
          password: values.password,
        });
        await queryClient.invalidateQueries({ queryKey: customerKeys.portalAccounts(customerId) });
        notifySuccess(t("customerDetail.portalCreated"));
        onDone();
      } catch (error) {
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormError message={formError} />
        <TextInput
          label={t("customerDetail.portalName")}
          required
          data-autofocus
          {...form.getInputProps("name")}
        />
        <TextInput
          label={t("customerDetail.portalEmail")}
          type="email"
          required
          autoComplete="off"
          {...form.getInputProps("email")}
        />
        <PasswordField
          label={t("customerDetail.portalPassword")}
          description={t("customerDetail.portalPasswordHint")}
          required
          autoComplete="new-password"
          {...form.getInputProps("password")}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("customerDetail.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
