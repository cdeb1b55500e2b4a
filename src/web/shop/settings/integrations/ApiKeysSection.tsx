// The location's API keys: a DMS authenticates with one (Authorization: Bearer pl_live_…). The key is
// shown once, right after it is made, since Pitlane keeps only its hash; the list tells keys apart
// by their first characters. Revoking is final and asks first.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconPlus } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../../shared/AppModal";
import { useFormat } from "../../../shared/format";
import { applyServerErrors, focusFirstInvalid } from "../../../shared/forms";
import { notifySuccess } from "../../../shared/notify";
import { ScrollTable } from "../../../shared/ScrollTable";
import { errorMessage, FormError, QueryError, TableSkeleton } from "../../../shared/ui";
import {
  API_SCOPES,
  type ApiKey,
  type ApiKeyStatus,
  type ApiScope,
  type CreatedApiKey,
  endOfDay,
  useApiKeys,
  useCreateApiKey,
  useRevokeApiKey,
} from "./apiKeysApi";

// i18next reads ":" as a namespace separator, so the translation keys spell a scope with "_".
type ScopeKey<S extends string> = S extends `${infer Area}:${infer Right}` ? `${Area}_${Right}` : never;
const scopeKey = (scope: ApiScope) => scope.replace(":", "_") as ScopeKey<ApiScope>;

const statusColor: Record<ApiKeyStatus, string> = { active: "green", expired: "orange", revoked: "gray" };

export function ApiKeysSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useApiKeys();
  const revoke = useRevokeApiKey();
  const [createOpen, setCreateOpen] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  const confirmRevoke = (key: ApiKey) => {
    setRevokeError(null);
    revoke.mutate(key.id, {
      onSuccess: () => {
        setRevoking(null);
        notifySuccess(t("integrations.apiKeys.revoked", { name: key.name }));
      },
      onError: (error) => setRevokeError(errorMessage(error, t("errors.saveFailed"))),
    });
  };

  return (
    <section aria-labelledby="settings-api-keys">
      <Group justify="space-between" align="flex-start" gap="sm" mb="md">
        <div>
          <Title order={3} id="settings-api-keys" mb={4}>
            {t("integrations.apiKeys.title")}
          </Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t("integrations.apiKeys.hint")}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreateOpen(true)}>
          {t("integrations.apiKeys.create")}
        </Button>
      </Group>

      {query.isPending ? (
        <TableSkeleton rows={2} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Stack align="center" gap={4} py="lg" ta="center">
          <IconKey size={28} aria-hidden color="var(--mantine-color-dimmed)" />
          <Text fw={600}>{t("integrations.apiKeys.emptyTitle")}</Text>
          <Text size="sm" c="dimmed" maw={520}>
            {t("integrations.apiKeys.emptyBody")}
          </Text>
        </Stack>
      ) : (
        <ScrollTable minWidth={980} label={t("integrations.apiKeys.title")}>
          <Table verticalSpacing="xs" aria-labelledby="settings-api-keys">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("integrations.apiKeys.colName")}</Table.Th>
                <Table.Th scope="col">{t("integrations.apiKeys.colKey")}</Table.Th>
                <Table.Th scope="col">{t("integrations.apiKeys.colScopes")}</Table.Th>
                <Table.Th scope="col">{t("integrations.apiKeys.colCreated")}</Table.Th>
                <Table.Th scope="col">{t("integrations.apiKeys.colLastUsed")}</Table.Th>
                <Table.Th scope="col">{t("integrations.apiKeys.colExpires")}</Table.Th>
                <Table.Th scope="col">{t("integrations.apiKeys.colStatus")}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t("settings.colActions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {key.name}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Code>{`${key.visiblePrefix}…`}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {key.scopes.map((scope) => (
                        <Badge key={scope} variant="outline" radius="sm" tt="none" className="pl-badge-full">
                          {scope}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{format.dateTime(key.createdAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {t("integrations.apiKeys.by", { name: key.createdByName })}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t("integrations.apiKeys.neverUsed")}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {key.expiresAt ? format.date(key.expiresAt) : t("integrations.apiKeys.noExpiry")}
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={statusColor[key.status]}
                      radius="sm"
                      className="pl-badge-full"
                    >
                      {t(`integrations.apiKeys.status.${key.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {key.status === "revoked" ? null : (
                      <Button
                        size="xs"
                        variant="outline"
                        color="red"
                        aria-label={t("integrations.apiKeys.revokeNamed", { name: key.name })}
                        onClick={() => {
                          setRevokeError(null);
                          setRevoking(key);
                        }}
                      >
                        {t("integrations.apiKeys.revoke")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}

      <CreateApiKeyModal
        opened={createOpen}
        onClose={() => setCreateOpen(false)}
        onCreated={(key) => {
          setCreateOpen(false);
          setCreated(key);
        }}
      />
      <ShowKeyOnceModal created={created} onClose={() => setCreated(null)} />

      <AppModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t("integrations.apiKeys.revokeTitle", { name: revoking?.name ?? "" })}
      >
        <Stack gap="md">
          <FormError message={revokeError} />
          <Text size="sm">{t("integrations.apiKeys.revokeBody", { name: revoking?.name ?? "" })}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setRevoking(null)} data-autofocus>
              {t("common.cancel")}
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => {
                if (revoking) confirmRevoke(revoking);
              }}
            >
              {t("integrations.apiKeys.revokeConfirm")}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </section>
  );
}

interface CreateValues {
  name: string;
  scopes: ApiScope[];
  expiresOn: string;
}

/** Tomorrow as YYYY-MM-DD in the browser's calendar: the earliest day a key may expire. */
function tomorrow(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function CreateApiKeyModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const initial: CreateValues = { name: "", scopes: ["invoices:write", "invoices:read"], expiresOn: "" };
  const form = useForm<CreateValues>({
    initialValues: initial,
    validate: {
      name: (value) => (value.trim() ? null : t("errors.required")),
      scopes: (value) => (value.length ? null : t("integrations.apiKeys.scopesRequired")),
      expiresOn: (value) => (!value || value >= tomorrow() ? null : t("integrations.apiKeys.expiryInPast")),
    },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: start afresh each time the modal opens
  useEffect(() => {
    if (opened) {
      form.setValues(initial);
      form.clearErrors();
      setFormError(null);
    }
  }, [opened]);

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const key = await create.mutateAsync({
          name: values.name.trim(),
          scopes: values.scopes,
          expiresAt: values.expiresOn ? endOfDay(values.expiresOn) : null,
        });
        onCreated(key);
      } catch (error) {
        setFormError(applyServerErrors(form, error, { expiresAt: "expiresOn" }));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <AppModal opened={opened} onClose={onClose} title={t("integrations.apiKeys.createTitle")} size="lg">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError message={formError} />
          <TextInput
            label={t("integrations.apiKeys.name")}
            description={t("integrations.apiKeys.nameHint")}
            required
            autoComplete="off"
            maxLength={120}
            data-autofocus
            {...form.getInputProps("name")}
          />
          <Checkbox.Group
            label={t("integrations.apiKeys.scopes")}
            description={t("integrations.apiKeys.scopesHint")}
            required
            {...form.getInputProps("scopes")}
          >
            <Stack gap="sm" mt="xs">
              {API_SCOPES.map((scope) => (
                <Checkbox
                  key={scope}
                  value={scope}
                  label={<Code>{scope}</Code>}
                  description={t(`integrations.apiKeys.scope.${scopeKey(scope)}`)}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <TextInput
            type="date"
            label={t("integrations.apiKeys.expiresOn")}
            description={t("integrations.apiKeys.expiresOnHint")}
            min={tomorrow()}
            maw={260}
            {...form.getInputProps("expiresOn")}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t("integrations.apiKeys.createSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** The key itself, once. Closing the dialog drops it from the page's memory too. */
function ShowKeyOnceModal({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={created !== null}
      onClose={onClose}
      title={t("integrations.apiKeys.shownTitle", { name: created?.name ?? "" })}
      size="lg"
    >
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} aria-hidden />}>
          {t("integrations.apiKeys.shownOnce")}
        </Alert>
        <Group gap="sm" wrap="nowrap" align="center">
          <Code
            block
            data-testid="api-key-value"
            aria-label={t("integrations.apiKeys.theKey")}
            style={{
              flex: 1,
              wordBreak: "break-all",
              whiteSpace: "pre-wrap",
              fontSize: "var(--mantine-font-size-sm)",
            }}
          >
            {created?.key ?? ""}
          </Code>
          <CopyButton value={created?.key ?? ""} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? "light" : "filled"}
                color={copied ? "green" : undefined}
                leftSection={
                  copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />
                }
                onClick={copy}
                data-autofocus
              >
                {copied ? t("integrations.apiKeys.copied") : t("integrations.apiKeys.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm" c="dimmed">
          {t("integrations.apiKeys.shownUsage")}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("integrations.apiKeys.done")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
