import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type RefObject, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import { focusFirstInvalid } from "../../../shared/forms";
import { notifySuccess } from "../../../shared/notify";
import { errorMessage } from "../../../shared/ui";
import { type InspectionTemplate, templatesKey } from "../../inspection/inspectionApi";
import type { DraftArea } from "./templateDraft";

/**
 * Checks and saves the template as edited (a new one, or the template at the version it was
 * loaded at), with each problem keyed by the id of the input it belongs under.
 */
export function useSaveTemplate(
  template: InspectionTemplate | null,
  draft: { name: string; isDefault: boolean; areas: DraftArea[] },
  onDone: () => void,
  formRef: RefObject<HTMLFormElement | null>,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { name, isDefault, areas } = draft;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);

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

  return { errors, clearError, formError, conflict, saving, submit };
}
