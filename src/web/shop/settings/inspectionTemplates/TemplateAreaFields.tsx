import { ActionIcon, Button, Group, Paper, Stack, TextInput } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { type DraftArea, newKey } from "./templateDraft";

/** One area of the template being edited: its name, its items (reorder, remove) and Add item. */
export function TemplateAreaFields({
  area,
  errors,
  clearError,
  updateArea,
  moveItem,
  onRemove,
  focusLater,
}: {
  area: DraftArea;
  errors: Record<string, string>;
  clearError: (id: string) => void;
  updateArea: (areaKey: number, change: (area: DraftArea) => DraftArea) => void;
  moveItem: (areaKey: number, index: number, delta: number) => void;
  onRemove: () => void;
  focusLater: (id: string) => void;
}) {
  const { t } = useTranslation();
  const areaLabel = area.name.trim() || t("inspectionTemplates.newArea");
  return (
    <Paper withBorder radius="md" p="sm" bg="gray.0">
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
            onClick={onRemove}
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
}
