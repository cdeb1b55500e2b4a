import { Button, Checkbox, Group, Radio, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import type { Estimate, EstimateVersion } from "../../../estimates/estimateApi";
import { useMoney } from "../../../estimates/estimateUi";
import { AppModal } from "../../../shared/AppModal";
import { applyServerErrors, focusFirstInvalid } from "../../../shared/forms";
import { FormError } from "../../../shared/ui";

interface PhoneDecisionValues {
  decision: "approve" | "decline";
  labourLineIds: string[];
  decidedBy: string;
  reason: string;
}

/** Records an approval or decline the customer's contact person gave by phone. */
export function PhoneDecisionModal({
  opened,
  estimate,
  version,
  onClose,
  onDone,
  onConflict,
}: {
  opened: boolean;
  estimate: Estimate;
  version: EstimateVersion;
  onClose: () => void;
  onDone: (next: Estimate) => void;
  onConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(estimate.currency);
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const labour = version.lines.labour;
  const form = useForm<PhoneDecisionValues>({
    initialValues: {
      decision: "approve",
      labourLineIds: labour.map((line) => line.id),
      decidedBy: "",
      reason: "",
    },
    validate: {
      decidedBy: (value) => (value.trim() ? null : t("estimates.phone.decidedByRequired")),
      labourLineIds: (value, values) =>
        values.decision === "approve" && value.length === 0 ? t("estimates.portal.approveNone") : null,
    },
  });
  const close = () => {
    form.reset();
    setFormError(null);
    onClose();
  };
  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const next = await api.post<Estimate>(
          `/api/v1/estimates/${encodeURIComponent(estimate.id)}/record-decision`,
          {
            decision: values.decision,
            versionNo: version.versionNo,
            labourLineIds: values.decision === "approve" ? values.labourLineIds : [],
            decidedBy: values.decidedBy.trim(),
            ...(values.decision === "decline" && values.reason.trim()
              ? { reason: values.reason.trim() }
              : {}),
          },
        );
        onDone(next);
        close();
      } catch (error) {
        if (onConflict(error)) {
          close();
          return;
        }
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );
  const picked = new Set(form.values.labourLineIds);
  return (
    <AppModal opened={opened} onClose={close} title={t("estimates.phone.title")}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError message={formError} />
          <Text size="sm">{t("estimates.phone.hint", { version: version.versionNo })}</Text>
          <Radio.Group label={t("estimates.phone.decision")} required {...form.getInputProps("decision")}>
            <Group gap="lg" mt={4}>
              <Radio value="approve" label={t("estimates.phone.approve")} />
              <Radio value="decline" label={t("estimates.phone.decline")} />
            </Group>
          </Radio.Group>
          {form.values.decision === "approve" ? (
            <Checkbox.Group
              label={t("estimates.phone.lines")}
              description={t("estimates.phone.linesHint")}
              {...form.getInputProps("labourLineIds")}
            >
              <Stack gap="xs" mt="xs">
                {labour.map((line) => (
                  <Checkbox
                    key={line.id}
                    value={line.id}
                    label={`${line.description} (${fmt.money(line.netWithParts)})`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          ) : null}
          <TextInput
            label={t("estimates.phone.decidedBy")}
            description={t("estimates.phone.decidedByHint")}
            required
            maxLength={200}
            autoComplete="off"
            {...form.getInputProps("decidedBy")}
          />
          {form.values.decision === "decline" ? (
            <Textarea
              label={t("estimates.phone.reason")}
              autosize
              minRows={2}
              maxLength={2000}
              {...form.getInputProps("reason")}
            />
          ) : null}
          {form.values.decision === "approve" ? (
            <Text size="sm" c="dimmed">
              {t("estimates.phone.approveCount", { count: picked.size, total: labour.length })}
            </Text>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t("estimates.phone.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
