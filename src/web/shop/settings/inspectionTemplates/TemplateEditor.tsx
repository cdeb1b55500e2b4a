import { Button, Checkbox, Group, Stack, TextInput, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConflictAlert, FormError } from "../../../shared/ui";
import type { InspectionTemplate } from "../../inspection/inspectionApi";
import { TemplateAreaFields } from "./TemplateAreaFields";
import { type DraftArea, type DraftItem, newKey, toDraft } from "./templateDraft";
import { useSaveTemplate } from "./useSaveTemplate";

export function TemplateEditor({
  template,
  onDone,
  onReload,
}: {
  template: InspectionTemplate | null;
  onDone: () => void;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(template?.name ?? "");
  const [isDefault, setIsDefault] = useState(template?.isDefault ?? false);
  const [areas, setAreas] = useState<DraftArea[]>(() => toDraft(template));
  const { errors, clearError, formError, conflict, saving, submit } = useSaveTemplate(
    template,
    { name, isDefault, areas },
    onDone,
    formRef,
  );
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
        {areas.map((area) => (
          <TemplateAreaFields
            key={area.key}
            area={area}
            errors={errors}
            clearError={clearError}
            updateArea={updateArea}
            moveItem={moveItem}
            onRemove={() => setAreas((all) => all.filter((a) => a.key !== area.key))}
            focusLater={focusLater}
          />
        ))}
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
