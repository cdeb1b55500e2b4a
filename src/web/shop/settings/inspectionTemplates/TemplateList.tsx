import { Accordion, Badge, Button, Group, Stack, Text, VisuallyHidden } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { InspectionTemplate } from "../../inspection/inspectionApi";
import { groupByArea } from "./templateDraft";

/** The templates, each opening to its items by area, with Edit for those who may. */
export function TemplateList({
  templates,
  canEdit,
  onEdit,
}: {
  templates: InspectionTemplate[];
  canEdit: boolean;
  onEdit: (template: InspectionTemplate) => void;
}) {
  const { t } = useTranslation();
  return (
    <Accordion variant="separated" order={3} multiple>
      {templates.map((template) => {
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
                      onClick={() => onEdit(template)}
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
  );
}
