// Settings → Inspection templates: the checklists technicians rate. Admins (settings:write) edit the
// name, the items grouped by area (add, remove, reorder), and which template is the default; everyone
// else reads them.
import {
  Accordion,
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconLock, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../api";
import { focusFirstInvalid } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { useCan } from "../../shared/session";
import { ConflictAlert, errorMessage, FormError, QueryError, TableSkeleton } from "../../shared/ui";
import {
  type InspectionTemplate,
  type TemplateItem,
  templatesKey,
  useTemplates,
} from "../inspection/inspectionApi";

/** Items in template order, grouped by area (first appearance of each area decides its place). */
function groupByArea(items: TemplateItem[]): { area: string; labels: string[] }[] {
  const groups: { area: string; labels: string[] }[] = [];
  for (const item of items) {
    const group = groups.find((g) => g.area === item.area);
    if (group) group.labels.push(item.label);
    else groups.push({ area: item.area, labels: [item.label] });
  }
  return groups;
}

export function InspectionTemplates() {
  const { t } = useTranslation();
  const canEdit = useCan("settings:write");
  const query = useTemplates();
  const [editing, setEditing] = useState<InspectionTemplate | "new" | null>(null);

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="inspection-templates-title">
      <Group justify="space-between" align="flex-start" mb={4} gap="sm">
        <Title order={2} id="inspection-templates-title">
          {t("inspectionTemplates.title")}
        </Title>
        {canEdit && editing === null ? (
          <Button
            h={44}
            variant="default"
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => setEditing("new")}
          >
            {t("inspectionTemplates.add")}
          </Button>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t("inspectionTemplates.hint")}
      </Text>
      {!canEdit ? (
        <Alert color="gray" icon={<IconLock aria-hidden />} role="note" mb="md">
          {t("inspectionTemplates.readOnly")}
        </Alert>
      ) : null}
      {query.isPending ? (
        <TableSkeleton rows={3} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : editing !== null ? (
        <TemplateEditor
          key={editing === "new" ? "new" : `${editing.id}-${editing.version}`}
          template={editing === "new" ? null : editing}
          onDone={() => setEditing(null)}
          onReload={async () => {
            const fresh = await query.refetch();
            const id = editing === "new" ? null : editing.id;
            const again = fresh.data?.items.find((x) => x.id === id);
            setEditing(again ?? null);
          }}
        />
      ) : query.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("inspectionTemplates.empty")}
        </Text>
      ) : (
        <Accordion variant="separated" order={3} multiple>
          {query.data.items.map((template) => {
            const groups = groupByArea(template.items);
            return (
              <Accordion.Item key={template.id} value={template.id}>
                <Accordion.Control mih={48}>
                  <Group gap="sm" wrap="wrap">
                    <Text fw={700}>{template.name}</Text>
                    {template.isDefault ? (
                      <Badge variant="light" color="blue">
                        {t("inspectionTemplates.defaultBadge")}
                      </Badge>
                    ) : null}
                    <Text size="sm" c="dimmed">
                      {`${t("inspectionTemplates.areaCount", { count: groups.length })} · ${t(
                        "inspectionTemplates.itemCount",
                        { count: template.items.length },
                      )}`}
                    </Text>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="sm">
                    {groups.map((group) => (
                      <div key={group.area}>
                        <Text fw={600} size="sm">
                          {group.area}
                        </Text>
                        <Text component="ul" size="sm" m={0} pl="lg">
                          {group.labels.map((label) => (
                            <li key={label}>{label}</li>
                          ))}
                        </Text>
                      </div>
                    ))}
                    {canEdit ? (
                      <Group>
                        <Button
                          h={44}
                          variant="default"
                          leftSection={<IconPencil size={18} aria-hidden />}
                          onClick={() => setEditing(template)}
                        >
                          {`${t("common.edit")}`}
                          <VisuallyHidden component="span">{` ${template.name}`}</VisuallyHidden>
                        </Button>
                      </Group>
                    ) : null}
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
        </Accordion>
      )}
    </Paper>
  );
}

interface DraftItem {
  key: number;
  label: string;
}
interface DraftArea {
  key: number;
  name: string;
  items: DraftItem[];
}

let nextKey = 1;
const newKey = () => nextKey++;

function toDraft(template: InspectionTemplate | null): DraftArea[] {
  if (!template) return [{ key: newKey(), name: "", items: [{ key: newKey(), label: "" }] }];
  return groupByArea(template.items).map((g) => ({
    key: newKey(),
    name: g.area,
    items: g.labels.map((label) => ({ key: newKey(), label })),
  }));
}

function TemplateEditor({
  template,
  onDone,
  onReload,
}: {
  template: InspectionTemplate | null;
  onDone: () => void;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(template?.name ?? "");
  const [isDefault, setIsDefault] = useState(template?.isDefault ?? false);
  const [areas, setAreas] = useState<DraftArea[]>(() => toDraft(template));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const focusAfter = useRef<string | null>(null);

  const focusLater = (id: string) => {
    focusAfter.current = id;
    requestAnimationFrame(() => {
      if (focusAfter.current) document.getElementById(focusAfter.current)?.focus();
      focusAfter.current = null;
    });
  };

  const updateArea = (areaKey: number, change: (area: DraftArea) => DraftArea) =>
    setAreas((all) => all.map((a) => (a.key === areaKey ? change(a) : a)));

  const moveItem = (areaKey: number, index: number, delta: number) =>
    updateArea(areaKey, (area) => {
      const items = [...area.items];
      const target = index + delta;
      if (target < 0 || target >= items.length) return area;
      [items[index], items[target]] = [items[target] as DraftItem, items[index] as DraftItem];
      return { ...area, items };
    });

  // Errors are keyed by the input's id; the server's "items.3.label" is the 4th item in save order.
  const itemIds: { areaKey: number; itemKey: number }[] = [];
  for (const area of areas)
    for (const item of area.items) itemIds.push({ areaKey: area.key, itemKey: item.key });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setConflict(false);
    const found: Record<string, string> = {};
    if (!name.trim()) found["tpl-name"] = t("inspectionTemplates.nameRequired");
    const kept = areas.filter((a) => a.items.length > 0);
    for (const area of kept) {
      if (!area.name.trim()) found[`area-${area.key}`] = t("inspectionTemplates.areaRequired");
      for (const item of area.items)
        if (!item.label.trim()) found[`item-${item.key}`] = t("inspectionTemplates.itemRequired");
    }
    const items = kept.flatMap((a) => a.items.map((i) => ({ area: a.name.trim(), label: i.label.trim() })));
    if (items.length === 0) setFormError(t("inspectionTemplates.noItems"));
    setErrors(found);
    if (Object.keys(found).length > 0 || items.length === 0) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    const flat = kept.flatMap((a) => a.items.map((i) => ({ areaKey: a.key, itemKey: i.key })));
    setSaving(true);
    try {
      const body = { name: name.trim(), items, isDefault };
      if (template) {
        await api.put(`/api/v1/inspection-templates/${encodeURIComponent(template.id)}`, {
          ...body,
          version: template.version,
        });
      } else {
        await api.post("/api/v1/inspection-templates", body);
      }
      await queryClient.invalidateQueries({ queryKey: templatesKey });
      notifySuccess(template ? t("inspectionTemplates.saved") : t("inspectionTemplates.created"));
      onDone();
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        setConflict(true);
        return;
      }
      const server: Record<string, string> = {};
      const rest: string[] = [];
      if (isApiError(e) && e.fieldErrors.length > 0) {
        for (const fe of e.fieldErrors) {
          const match = /^items\.(\d+)\.(area|label)$/.exec(fe.field);
          const target = match ? flat[Number(match[1])] : undefined;
          if (fe.field === "name") server["tpl-name"] = fe.message;
          else if (match && target && match[2] === "label") server[`item-${target.itemKey}`] = fe.message;
          else if (match && target) server[`area-${target.areaKey}`] = fe.message;
          else rest.push(fe.message);
        }
        setErrors(server);
        setFormError(rest.length > 0 ? rest.join("\n") : t("errors.checkFields"));
      } else {
        setFormError(errorMessage(e, t("errors.saveFailed")));
      }
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
    } finally {
      setSaving(false);
    }
  };

  const clearError = (id: string) => {
    if (errors[id]) setErrors(({ [id]: _gone, ...rest }) => rest);
  };

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <Title order={3}>
          {template
            ? t("inspectionTemplates.editTitle", { name: template.name })
            : t("inspectionTemplates.newTitle")}
        </Title>
        <ConflictAlert
          message={conflict ? t("inspectionTemplates.conflict") : null}
          onReload={() => void onReload()}
        />
        <FormError message={formError} />
        <TextInput
          id="tpl-name"
          label={t("inspectionTemplates.name")}
          required
          maxLength={100}
          value={name}
          error={errors["tpl-name"]}
          onChange={(event) => {
            setName(event.currentTarget.value);
            clearError("tpl-name");
          }}
        />
        <Checkbox
          size="md"
          label={t("inspectionTemplates.isDefault")}
          description={t("inspectionTemplates.isDefaultHint")}
          checked={isDefault}
          onChange={(event) => setIsDefault(event.currentTarget.checked)}
        />
        {areas.map((area) => {
          const areaLabel = area.name.trim() || t("inspectionTemplates.newArea");
          return (
            <Paper key={area.key} withBorder radius="md" p="sm" bg="gray.0">
              <Stack gap="xs">
                <Group align="flex-end" gap="xs" wrap="nowrap">
                  <TextInput
                    id={`area-${area.key}`}
                    style={{ flex: 1 }}
                    label={t("inspectionTemplates.areaName")}
                    required
                    maxLength={100}
                    value={area.name}
                    error={errors[`area-${area.key}`]}
                    styles={{ input: { minHeight: 44 } }}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      updateArea(area.key, (a) => ({ ...a, name: value }));
                      clearError(`area-${area.key}`);
                    }}
                  />
                  <ActionIcon
                    size={44}
                    variant="default"
                    mb={errors[`area-${area.key}`] ? 22 : 0}
                    aria-label={t("inspectionTemplates.removeArea", { area: areaLabel })}
                    onClick={() => setAreas((all) => all.filter((a) => a.key !== area.key))}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Group>
                <Stack gap="xs" component="ol" m={0} pl="md">
                  {area.items.map((item, index) => {
                    const itemName = item.label.trim() || t("inspectionTemplates.item");
                    return (
                      <li key={item.key}>
                        <Group align="flex-start" gap="xs" wrap="nowrap">
                          <TextInput
                            id={`item-${item.key}`}
                            style={{ flex: 1 }}
                            aria-label={t("inspectionTemplates.itemLabel", {
                              number: index + 1,
                              area: areaLabel,
                            })}
                            required
                            maxLength={200}
                            value={item.label}
                            error={errors[`item-${item.key}`]}
                            styles={{ input: { minHeight: 44 } }}
                            onChange={(event) => {
                              const value = event.currentTarget.value;
                              updateArea(area.key, (a) => ({
                                ...a,
                                items: a.items.map((i) => (i.key === item.key ? { ...i, label: value } : i)),
                              }));
                              clearError(`item-${item.key}`);
                            }}
                          />
                          <ActionIcon
                            size={44}
                            variant="default"
                            disabled={index === 0}
                            aria-label={t("inspectionTemplates.moveUp", { item: itemName })}
                            onClick={() => moveItem(area.key, index, -1)}
                          >
                            <IconArrowUp size={18} aria-hidden />
                          </ActionIcon>
                          <ActionIcon
                            size={44}
                            variant="default"
                            disabled={index === area.items.length - 1}
                            aria-label={t("inspectionTemplates.moveDown", { item: itemName })}
                            onClick={() => moveItem(area.key, index, 1)}
                          >
                            <IconArrowDown size={18} aria-hidden />
                          </ActionIcon>
                          <ActionIcon
                            size={44}
                            variant="default"
                            aria-label={t("inspectionTemplates.removeItem", { item: itemName })}
                            onClick={() =>
                              updateArea(area.key, (a) => ({
                                ...a,
                                items: a.items.filter((i) => i.key !== item.key),
                              }))
                            }
                          >
                            <IconTrash size={18} aria-hidden />
                          </ActionIcon>
                        </Group>
                      </li>
                    );
                  })}
                </Stack>
                <Group>
                  <Button
                    h={44}
                    variant="subtle"
                    leftSection={<IconPlus size={18} aria-hidden />}
                    aria-label={t("inspectionTemplates.addItemTo", { area: areaLabel })}
                    onClick={() => {
                      const key = newKey();
                      updateArea(area.key, (a) => ({ ...a, items: [...a.items, { key, label: "" }] }));
                      focusLater(`item-${key}`);
                    }}
                  >
                    {t("inspectionTemplates.addItem")}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          );
        })}
        <Group>
          <Button
            h={44}
            variant="default"
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => {
              const key = newKey();
              setAreas((all) => [...all, { key, name: "", items: [{ key: newKey(), label: "" }] }]);
              focusLater(`area-${key}`);
            }}
          >
            {t("inspectionTemplates.addArea")}
          </Button>
        </Group>
        <Group justify="flex-end" gap="sm">
          <Button h={44} variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button h={44} type="submit" loading={saving}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
