// Settings → Integrations → Webhooks: where the shop's DMS hears of sent, paid, delivered and booked
// invoices. Endpoints with their status, the signing secret shown once, a test event, and per
// endpoint the delivery log with its attempts and Resend. Mounted by the Integrations section.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../../shared/AppModal";
import { useFormat } from "../../../shared/format";
import { notifySuccess } from "../../../shared/notify";
import { ScrollTable } from "../../../shared/ScrollTable";
import { errorMessage, FormError, QueryError, TableSkeleton } from "../../../shared/ui";
import { SettingsSection } from "../SettingsSection";
import {
  type EndpointInput,
  useDeliveries,
  useWebhookActions,
  useWebhookEndpoints,
  type WebhookEndpoint,
  webhookEventTypes,
} from "./useWebhooks";

export function WebhooksSection() {
  const { t } = useTranslation();
  const query = useWebhookEndpoints();
  const actions = useWebhookActions();
  const [editing, setEditing] = useState<WebhookEndpoint | "new" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpoint | null>(null);
  const [logOf, setLogOf] = useState<WebhookEndpoint | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>, done?: string) => {
    setError(null);
    try {
      await action();
      if (done) notifySuccess(done);
    } catch (e) {
      setError(errorMessage(e, t("errors.saveFailed")));
    }
  };

  return (
    <SettingsSection title={t("webhooks.title")} hint={t("webhooks.hint")} titleId="webhooks-title">
      <Stack gap="md">
        {query.isPending ? (
          <TableSkeleton rows={2} />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            {query.data.endpoints.length === 0 ? (
              <Text c="dimmed">{t("webhooks.empty")}</Text>
            ) : (
              <ScrollTable minWidth={760} label={t("webhooks.title")}>
                <Table verticalSpacing="xs" aria-label={t("webhooks.title")}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t("webhooks.colUrl")}</Table.Th>
                      <Table.Th scope="col">{t("webhooks.colEvents")}</Table.Th>
                      <Table.Th scope="col">{t("webhooks.colStatus")}</Table.Th>
                      <Table.Th scope="col">{t("webhooks.colActions")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {query.data.endpoints.map((e) => (
                      <Table.Tr key={e.id}>
                        <Table.Td>
                          <Text size="sm" fw={500} style={{ wordBreak: "break-all" }}>
                            {e.url}
                          </Text>
                          {e.description ? (
                            <Text size="xs" c="dimmed">
                              {e.description}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                            {t("webhooks.eventCount", { count: e.eventTypes.length })}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {e.enabled ? (
                            <Badge color="green" variant="light" radius="sm" tt="none" styles={badgeStyles}>
                              {t("webhooks.enabled")}
                            </Badge>
                          ) : (
                            <Stack gap={2}>
                              <Badge color="red" variant="light" radius="sm" tt="none" styles={badgeStyles}>
                                {t("webhooks.disabled")}
                              </Badge>
                              <Text size="xs" c="dimmed">
                                {t(`webhooks.reason.${e.disabledReason ?? "manual"}`)}
                              </Text>
                            </Stack>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="wrap">
                            <Button size="xs" variant="default" onClick={() => setLogOf(e)}>
                              {t("webhooks.log")}
                            </Button>
                            <Button
                              size="xs"
                              variant="default"
                              disabled={!e.enabled}
                              loading={actions.test.isPending && actions.test.variables === e.id}
                              onClick={() =>
                                void run(() => actions.test.mutateAsync(e.id), t("webhooks.testSent"))
                              }
                            >
                              {t("webhooks.sendTest")}
                            </Button>
                            <Button size="xs" variant="default" onClick={() => setEditing(e)}>
                              {t("webhooks.edit")}
                            </Button>
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() =>
                                void run(() => actions.update.mutateAsync({ id: e.id, enabled: !e.enabled }))
                              }
                            >
                              {e.enabled ? t("webhooks.switchOff") : t("webhooks.switchOn")}
                            </Button>
                            <Button size="xs" color="red.9" variant="outline" onClick={() => setDeleting(e)}>
                              {t("webhooks.delete")}
                            </Button>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
            <FormError message={error} />
            <Group justify="space-between">
              <Button onClick={() => setEditing("new")}>{t("webhooks.add")}</Button>
              <Switch
                label={t("webhooks.allowPrivate")}
                description={t("webhooks.allowPrivateHint")}
                checked={query.data.allowPrivateTargets}
                onChange={(ev) => void run(() => actions.policy.mutateAsync(ev.currentTarget.checked))}
              />
            </Group>
          </>
        )}
      </Stack>
      <EndpointForm
        editing={editing}
        onClose={() => setEditing(null)}
        onCreated={(s) => {
          setEditing(null);
          setSecret(s);
        }}
      />
      <AppModal opened={secret !== null} onClose={() => setSecret(null)} title={t("webhooks.secretTitle")}>
        <Stack gap="sm">
          <Alert color="yellow">{t("webhooks.secretOnce")}</Alert>
          <Code block style={{ wordBreak: "break-all" }}>
            {secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret ?? ""}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t("webhooks.copied") : t("webhooks.copy")}
                </Button>
              )}
            </CopyButton>
            <Button onClick={() => setSecret(null)}>{t("webhooks.secretDone")}</Button>
          </Group>
        </Stack>
      </AppModal>
      <AppModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("webhooks.deleteTitle")}
      >
        <Stack gap="sm">
          <Text>{t("webhooks.deleteBody", { url: deleting?.url ?? "" })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t("webhooks.cancel")}
            </Button>
            <Button
              color="red.9"
              loading={actions.remove.isPending}
              onClick={() =>
                void run(async () => {
                  if (deleting) await actions.remove.mutateAsync(deleting.id);
                  setDeleting(null);
                }, t("webhooks.deleted"))
              }
            >
              {t("webhooks.delete")}
            </Button>
          </Group>
        </Stack>
      </AppModal>
      <DeliveryLog endpoint={logOf} onClose={() => setLogOf(null)} />
    </SettingsSection>
  );
}

function EndpointForm({
  editing,
  onClose,
  onCreated,
}: {
  editing: WebhookEndpoint | "new" | null;
  onClose: () => void;
  onCreated: (secret: string) => void;
}) {
  const { t } = useTranslation();
  const actions = useWebhookActions();
  const existing = editing && editing !== "new" ? editing : null;
  const [form, setForm] = useState<EndpointInput>({ url: "", description: null, eventTypes: [] });
  const [shownFor, setShownFor] = useState<WebhookEndpoint | "new" | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  // A fresh form each time it opens, filled from the endpoint being edited.
  if (editing !== shownFor) {
    setShownFor(editing);
    setForm(
      existing
        ? { url: existing.url, description: existing.description, eventTypes: existing.eventTypes }
        : { url: "", description: null, eventTypes: ["invoice.paid", "payment.received"] },
    );
    setFieldErrors({});
    setError(null);
  }
  const save = async () => {
    setError(null);
    setFieldErrors({});
    try {
      if (existing) {
        await actions.update.mutateAsync({ id: existing.id, ...form });
        notifySuccess(t("webhooks.saved"));
        onClose();
      } else {
        const created = await actions.create.mutateAsync(form);
        onCreated(created.secret);
      }
    } catch (e) {
      const fields = (e as { fieldErrors?: { field: string; message: string }[] }).fieldErrors ?? [];
      setFieldErrors(Object.fromEntries(fields.map((f) => [f.field, f.message])));
      if (fields.length === 0) setError(errorMessage(e, t("errors.saveFailed")));
    }
  };
  return (
    <AppModal
      opened={editing !== null}
      onClose={onClose}
      title={existing ? t("webhooks.editTitle") : t("webhooks.addTitle")}
    >
      <Stack gap="sm">
        <TextInput
          label={t("webhooks.url")}
          description={t("webhooks.urlHint")}
          placeholder="https://dms.example.com/pitlane"
          required
          value={form.url}
          error={fieldErrors.url}
          onChange={(e) => setForm({ ...form, url: e.currentTarget.value })}
        />
        <TextInput
          label={t("webhooks.description")}
          value={form.description ?? ""}
          onChange={(e) => setForm({ ...form, description: e.currentTarget.value || null })}
        />
        <Checkbox.Group
          label={t("webhooks.eventTypes")}
          value={form.eventTypes}
          error={fieldErrors.eventTypes}
          onChange={(v) => setForm({ ...form, eventTypes: v })}
        >
          <Stack gap={6} mt="xs">
            {webhookEventTypes.map((type) => (
              <Checkbox
                key={type}
                value={type}
                label={
                  <span>
                    <Code>{type}</Code> {t(`webhooks.type.${type}`)}
                  </span>
                }
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("webhooks.cancel")}
          </Button>
          <Button
            onClick={() => void save()}
            loading={actions.create.isPending || actions.update.isPending}
            disabled={form.url.trim() === "" || form.eventTypes.length === 0}
          >
            {existing ? t("webhooks.save") : t("webhooks.add")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

// A badge's label is clipped with an ellipsis by default, so a long URL in the next column squeezed
// "Enabled" to "Ena…": the label keeps its width and the column makes room for it.
const badgeStyles = { label: { overflow: "visible", textOverflow: "clip" } } as const;

// Light badges: the theme darkens their text so each passes 4.5:1 on its tint.
const statusColor = { delivered: "green", pending: "blue", failed: "orange", gave_up: "red" } as const;

function DeliveryLog({ endpoint, onClose }: { endpoint: WebhookEndpoint | null; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useDeliveries(endpoint?.id ?? null);
  const actions = useWebhookActions();
  const [error, setError] = useState<string | null>(null);
  return (
    <AppModal opened={endpoint !== null} onClose={onClose} title={t("webhooks.logTitle")} size="xl">
      <Stack gap="sm">
        <Text size="sm" c="dimmed" style={{ wordBreak: "break-all" }}>
          {endpoint?.url}
        </Text>
        <FormError message={error} />
        {query.isPending ? (
          <TableSkeleton rows={3} />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.deliveries.length === 0 ? (
          <Text c="dimmed">{t("webhooks.logEmpty")}</Text>
        ) : (
          <ScrollTable minWidth={720} label={t("webhooks.logTitle")}>
            <Table verticalSpacing="xs" aria-label={t("webhooks.logTitle")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("webhooks.colEvent")}</Table.Th>
                  <Table.Th scope="col">{t("webhooks.colStatus")}</Table.Th>
                  <Table.Th scope="col">{t("webhooks.colAttempts")}</Table.Th>
                  <Table.Th scope="col">{t("webhooks.colResponse")}</Table.Th>
                  <Table.Th scope="col">{t("webhooks.colTime")}</Table.Th>
                  <Table.Th scope="col">{t("webhooks.colActions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.deliveries.map((d) => {
                  const last = d.attempts[0];
                  return (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        <Code>{d.eventType}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          color={statusColor[d.status]}
                          variant="light"
                          radius="sm"
                          tt="none"
                          styles={badgeStyles}
                        >
                          {t(`webhooks.status.${d.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{d.attemptCount}</Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {d.lastResponseStatus ?? (last?.error ? t("webhooks.noAnswer") : "–")}
                        </Text>
                        {last?.bodyExcerpt || last?.error ? (
                          <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: "anywhere" }}>
                            {last.error ?? last.bodyExcerpt}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{format.dateTime(d.lastAttemptAt ?? d.createdAt)}</Text>
                        {d.nextAttemptAt && d.status === "failed" ? (
                          <Text size="xs" c="dimmed">
                            {t("webhooks.nextAttempt", { at: format.dateTime(d.nextAttemptAt) })}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="default"
                          disabled={d.status === "pending"}
                          onClick={async () => {
                            setError(null);
                            try {
                              await actions.resend.mutateAsync({
                                deliveryId: d.id,
                                endpointId: endpoint!.id,
                              });
                              notifySuccess(t("webhooks.resent"));
                            } catch (e) {
                              setError(errorMessage(e, t("errors.saveFailed")));
                            }
                          }}
                        >
                          {t("webhooks.resend")}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
    </AppModal>
  );
}
