import { Button, Group, NativeSelect, Radio, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { parseScaled } from "../../../estimates/estimateApi";
import { useMoney } from "../../../estimates/estimateUi";
import type { Pricing, Qualification, Recommendation } from "../../../extensions/extensionApi";
import { focusFirstInvalid } from "../../../shared/forms";
import { notifySuccess } from "../../../shared/notify";
import { TAX_RATES } from "../partFields";
import type { RunChange } from "./useApplyQualification";

interface Draft {
  repair: string;
  pricing: Pricing;
  hours: string;
  price: string;
  tax: string;
}

/** Pricing of the labour, edited inline; "Save price" sends it (nothing is saved while typing). */
export function LabourForm({
  rec,
  currency,
  labourRate,
  busy,
  run,
}: {
  rec: Recommendation;
  currency: string;
  /** An unpriced item starts at the location's rate, as Add Labour on an estimate does. */
  labourRate: number;
  busy: string | null;
  run: RunChange;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<"hours" | "price" | "repair", string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const values: Draft = draft ?? {
    repair: rec.repairDescription ?? "",
    pricing: rec.pricing,
    hours: fmt.quantityInput(rec.hoursMilli),
    price: fmt.moneyInput(rec.unitPrice ?? (rec.pricing === "hourly" ? labourRate : 0)),
    tax: String(rec.taxRateBp),
  };
  const set = (patch: Partial<Draft>) => setDraft({ ...values, ...patch });
  const hoursMilli = parseScaled(values.hours, 1000);
  const cents = parseScaled(values.price, 100);
  const labourNet =
    cents === null || hoursMilli === null
      ? null
      : values.pricing === "flat"
        ? cents
        : Math.round((cents * hoursMilli) / 1000);

  const save = async () => {
    const next: typeof errors = {};
    if (hoursMilli === null || hoursMilli <= 0) next.hours = t("extension.hoursInvalid");
    if (cents === null || cents < 0) next.price = t("extension.priceInvalid");
    if (values.repair.trim().length > 2000) next.repair = t("extension.repairTooLong");
    setErrors(next);
    if (Object.keys(next).length > 0) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    const ok = await run("labour", () =>
      api.patch<Qualification>(`/api/v1/recommendations/${encodeURIComponent(rec.id)}`, {
        repairDescription: values.repair.trim() || null,
        pricing: values.pricing,
        hoursMilli,
        unitPrice: cents,
        taxRateBp: Number(values.tax),
        version: rec.version,
      }),
    );
    if (ok) {
      setDraft(null);
      notifySuccess(t("extension.priceSaved", { item: rec.description }));
    }
  };

  return (
    <form
      ref={formRef}
      noValidate
      aria-label={t("extension.labourFor", { item: rec.description })}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t("extension.repairDescription")}
          description={t("extension.repairDescriptionHint")}
          placeholder={t("extension.repairDescriptionPlaceholder")}
          autosize
          minRows={2}
          maxLength={2000}
          value={values.repair}
          error={errors.repair}
          onChange={(event) => set({ repair: event.currentTarget.value })}
        />
        <Radio.Group
          label={t("extension.pricing")}
          value={values.pricing}
          onChange={(v) => set({ pricing: v === "flat" ? "flat" : "hourly" })}
        >
          <Group gap="md" mt={4}>
            <Radio value="hourly" label={t("extension.hourly")} />
            <Radio value="flat" label={t("extension.flat")} />
          </Group>
        </Radio.Group>
        <Group grow gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            label={values.pricing === "flat" ? t("extension.estimatedHours") : t("extension.hours")}
            inputMode="decimal"
            value={values.hours}
            error={errors.hours}
            onChange={(event) => set({ hours: event.currentTarget.value })}
          />
          <TextInput
            label={values.pricing === "flat" ? t("extension.price") : t("extension.rate")}
            inputMode="decimal"
            placeholder={fmt.moneyInput(0)}
            value={values.price}
            error={errors.price}
            onChange={(event) => set({ price: event.currentTarget.value })}
          />
          <NativeSelect
            label={t("extension.tax")}
            data={TAX_RATES.map((bp) => ({ value: String(bp), label: fmt.rate(bp) }))}
            value={values.tax}
            onChange={(event) => set({ tax: event.currentTarget.value })}
          />
        </Group>
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed" className="pl-num">
            {labourNet === null ? "" : t("extension.labourNet", { value: fmt.money(labourNet) })}
          </Text>
          <Group gap="xs">
            {draft ? (
              <Button variant="default" h={44} onClick={() => setDraft(null)}>
                {t("common.cancel")}
              </Button>
            ) : null}
            <Button
              type="submit"
              h={44}
              variant={draft ? "filled" : "light"}
              loading={busy === "labour"}
              disabled={busy !== null && busy !== "labour"}
              aria-label={t("extension.savePriceFor", { item: rec.description })}
            >
              {t("extension.savePrice")}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
