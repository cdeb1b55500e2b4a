// Settings → Inspection templates: the checklists technicians rate. Admins (settings:write) edit the
// name, the items grouped by area (add, remove, reorder), and which template is the default; everyone
// else reads them.
import { Alert, Button, Group, Paper, Text, Title } from "@mantine/core";
import { IconLock, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../../shared/session";
import { QueryError, TableSkeleton } from "../../shared/ui";
import { type InspectionTemplate, useTemplates } from "../inspection/inspectionApi";
import { TemplateEditor } from "./inspectionTemplates/TemplateEditor";
import { TemplateList } from "./inspectionTemplates/TemplateList";

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
        <TemplateList templates={query.data.items} canEdit={canEdit} onEdit={setEditing} />
      )}
    </Paper>
  );
}
