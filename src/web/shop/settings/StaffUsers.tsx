// Staff users of the shop: admins add people, change their role and deactivate or reactivate them.
// The signed-in admin cannot change their own row (the server refuses it too).
import {
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconUserCheck, IconUserOff, IconUserPlus } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { currentLanguage, LANGUAGES } from "../../i18n";
import { AppModal } from "../../shared/AppModal";
import { applyServerErrors, focusFirstInvalid, isEmail } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { ScrollTable } from "../../shared/ScrollTable";
import { useCurrentSession } from "../../shared/session";
import { errorMessage, FormError, QueryError, TableSkeleton } from "../../shared/ui";
import type { Language, StaffRole, StaffUser } from "../../types";

const usersKey = ["users"] as const;
const ROLES: readonly StaffRole[] = ["admin", "service_advisor", "technician", "parts", "accounting"];
const MIN_PASSWORD = 12;

type UserPatch = { id: string; name: string; role?: StaffRole; active?: boolean };

export function StaffUsers() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const queryClient = useQueryClient();
  const [addOpen, setAddOpen] = useState(false);
  const [confirming, setConfirming] = useState<StaffUser | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const query = useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => api.get<{ items: StaffUser[] }>("/api/v1/users", undefined, signal),
  });
  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));

  const update = useMutation({
    mutationFn: ({ id, role, active }: UserPatch) =>
      api.patch<StaffUser>(`/api/v1/users/${encodeURIComponent(id)}`, { role, active }),
    onSuccess: async (_saved, patch) => {
      setRowError(null);
      setConfirming(null);
      await queryClient.invalidateQueries({ queryKey: usersKey });
      if (patch.role) {
        notifySuccess(t("settings.roleChanged", { name: patch.name, role: t(`roles.${patch.role}`) }));
      } else if (patch.active === false) {
        notifySuccess(t("settings.userDeactivated", { name: patch.name }));
      } else {
        notifySuccess(t("settings.userReactivated", { name: patch.name }));
      }
    },
  });

  const patchRow = (patch: UserPatch) => {
    setRowError(null);
    update.mutate(patch, {
      onError: (error) => setRowError(errorMessage(error, t("errors.saveFailed"))),
    });
  };

  const deactivate = (user: StaffUser) => {
    setConfirmError(null);
    update.mutate(
      { id: user.id, name: user.name, active: false },
      { onError: (error) => setConfirmError(errorMessage(error, t("errors.saveFailed"))) },
    );
  };

  const busy = (user: StaffUser) => update.isPending && update.variables?.id === user.id;

  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" align="flex-start" gap="sm" mb="md">
        <div>
          <Title order={2} mb={4}>
            {t("settings.users")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("settings.usersHint")}
          </Text>
        </div>
        <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setAddOpen(true)}>
          {t("settings.addUser")}
        </Button>
      </Group>
      {query.isPending ? (
        <TableSkeleton rows={3} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed">{t("settings.noUsers")}</Text>
      ) : (
        <Stack gap="sm">
          <FormError message={rowError} />
          <ScrollTable minWidth={860} label={t("settings.users")}>
            <Table verticalSpacing="xs" aria-label={t("settings.users")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("settings.colName")}</Table.Th>
                  <Table.Th scope="col">{t("settings.colEmail")}</Table.Th>
                  <Table.Th scope="col">{t("settings.colRole")}</Table.Th>
                  <Table.Th scope="col">{t("settings.colStatus")}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t("settings.colActions")}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((user) => {
                  const self = user.id === session.user.id;
                  const pendingRole = busy(user) ? update.variables?.role : undefined;
                  return (
                    <Table.Tr key={user.id}>
                      <Table.Td>
                        <Text fw={600} size="sm">
                          {user.name}
                        </Text>
                        {self ? (
                          <Text size="xs" c="dimmed">
                            {t("settings.selfHint")}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{user.email}</Table.Td>
                      <Table.Td miw={190}>
                        <Select
                          size="xs"
                          aria-label={t("settings.roleOf", { name: user.name })}
                          data={roleOptions}
                          value={pendingRole ?? user.role}
                          allowDeselect={false}
                          disabled={self || busy(user)}
                          onChange={(value) => {
                            if (value && value !== user.role) {
                              patchRow({ id: user.id, name: user.name, role: value as StaffRole });
                            }
                          }}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          color={user.active ? "green" : "gray"}
                          radius="sm"
                          className="pl-badge-full"
                        >
                          {user.active ? t("settings.active") : t("settings.inactive")}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">
                        {user.active ? (
                          <Button
                            size="xs"
                            variant="outline"
                            color="red"
                            leftSection={<IconUserOff size={16} aria-hidden />}
                            disabled={self || busy(user)}
                            aria-label={t("settings.deactivateUser", { name: user.name })}
                            onClick={() => {
                              setConfirmError(null);
                              setConfirming(user);
                            }}
                          >
                            {t("settings.deactivate")}
                          </Button>
                        ) : (
                          <Button
                            size="xs"
                            variant="default"
                            leftSection={<IconUserCheck size={16} aria-hidden />}
                            disabled={self}
                            loading={busy(user)}
                            aria-label={t("settings.reactivateUser", { name: user.name })}
                            onClick={() => patchRow({ id: user.id, name: user.name, active: true })}
                          >
                            {t("settings.reactivate")}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Stack>
      )}

      <AddUserModal opened={addOpen} onClose={() => setAddOpen(false)} />

      <AppModal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t("settings.deactivateTitle", { name: confirming?.name ?? "" })}
      >
        <Stack gap="md">
          <FormError message={confirmError} />
          <Text size="sm">{t("settings.deactivateBody", { name: confirming?.name ?? "" })}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t("common.cancel")}
            </Button>
            <Button
              color="red"
              loading={update.isPending}
              onClick={() => {
                if (confirming) deactivate(confirming);
              }}
            >
              {t("settings.deactivate")}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Paper>
  );
}

interface AddUserValues {
  name: string;
  email: string;
  role: StaffRole;
  language: Language;
  password: string;
}

function AddUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const initial = (): AddUserValues => ({
    name: "",
    email: "",
    role: "technician",
    language: currentLanguage(),
    password: "",
  });
  const form = useForm<AddUserValues>({
    initialValues: initial(),
    validate: {
      name: (value) => (value.trim() ? null : t("errors.required")),
      email: (value) =>
        !value.trim() ? t("errors.required") : isEmail(value) ? null : t("errors.emailInvalid"),
      password: (value) =>
        value.length >= MIN_PASSWORD ? null : t("settings.passwordTooShort", { count: MIN_PASSWORD }),
    },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: start empty each time the modal opens
  useEffect(() => {
    if (opened) {
      form.setValues(initial());
      form.clearErrors();
      setFormError(null);
    }
  }, [opened]);

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const created = await api.post<StaffUser>("/api/v1/users", {
          name: values.name.trim(),
          email: values.email.trim(),
          role: values.role,
          language: values.language,
          password: values.password,
        });
        await queryClient.invalidateQueries({ queryKey: usersKey });
        notifySuccess(t("settings.userAdded", { name: created?.name ?? values.name.trim() }));
        onClose();
      } catch (error) {
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <AppModal opened={opened} onClose={onClose} title={t("settings.addUserTitle")} size="lg">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError message={formError} />
          <TextInput
            label={t("settings.userName")}
            required
            autoComplete="off"
            data-autofocus
            {...form.getInputProps("name")}
          />
          <TextInput
            label={t("settings.email")}
            type="email"
            required
            autoComplete="off"
            {...form.getInputProps("email")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t("settings.colRole")}
              required
              allowDeselect={false}
              data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              {...form.getInputProps("role")}
            />
            <Select
              label={t("common.language")}
              required
              allowDeselect={false}
              data={LANGUAGES.map((language) => ({
                value: language,
                label: language === "de" ? t("customerForm.languageDe") : t("customerForm.languageEn"),
              }))}
              {...form.getInputProps("language")}
            />
          </SimpleGrid>
          <PasswordInput
            label={t("settings.password")}
            description={t("settings.passwordHint", { count: MIN_PASSWORD })}
            required
            autoComplete="new-password"
            {...form.getInputProps("password")}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t("settings.addUserSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
