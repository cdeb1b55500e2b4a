import { Button, Group, Radio, Stack, Text, TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import { useMoney } from "../../../estimates/estimateUi";
import type { Extension, Qualification } from "../../../extensions/extensionApi";
import { focusFirstInvalid } from "../../../shared/forms";
import { notifySuccess } from "../../../shared/notify";
import { errorMessage, FormError } from "../../../shared/ui";
import { useApplyQualification } from "./useApplyQualification";

export function RecordDecisionForm({
  extension,
  workOrderId,
  onClose,
}: {
  extension: Extension;
  workOrderId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(extension.currency);
  const apply = useApplyQualification(workOrderId);
  const formRef = useRef<HTMLFormElement>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<{ name?: string; items?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const next: typeof errors = {};
    if (extension.items.some((i) => !choices[i.id])) next.items = t("extension.chooseEvery");
    if (!name.trim()) next.name = t("extension.whoRequired");
    setErrors(next);
    if (Object.keys(next).length > 0) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      apply(
        await api.post<Qualification>(
          `/api/v1/extensions/${encodeURIComponent(extension.id)}/record-decision`,
          {
            decisions: extension.items.map((i) => ({
              recommendationId: i.id,
              approve: choices[i.id] === "approve",
            })),
            decidedBy: name.trim(),
          },
        ),
      );
      notifySuccess(t("extension.recorded"));
      onClose();
    } catch (err) {
      setFormError(isApiError(err) ? err.detail : errorMessage(err, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <FormError message={formError} />
        <Text size="sm">{t("extension.recordHint")}</Text>
        {extension.items.map((item) => (
          <Radio.Group
            key={item.id}
            label={`${item.description} (${fmt.money(item.gross)})`}
            value={choices[item.id] ?? null}
            onChange={(v) => setChoices((c) => ({ ...c, [item.id]: v }))}
            error={errors.items && !choices[item.id] ? errors.items : undefined}
          >
            <Group gap="lg" mt={4}>
              <Radio value="approve" label={t("extension.approve")} />
              <Radio value="decline" label={t("extension.decline")} />
            </Group>
          </Radio.Group>
        ))}
        <TextInput
          label={t("extension.whoDecided")}
          required
          value={name}
          error={errors.name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={busy}>
            {t("extension.recordConfirm")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
