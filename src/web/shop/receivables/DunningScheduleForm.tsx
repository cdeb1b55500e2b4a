// The location's dunning schedule: on or off, default interest (§288 BGB), the gap between two
// reminders, and the levels in order — each with its day after the due date, fees for consumers and
// businesses, its name and letter in English and German, and whether it goes out by itself.
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";
import { notifySuccess } from "../../shared/notify";
import { DetailSkeleton, FormError, QueryError, SectionTitle } from "../../shared/ui";
import { type DunningLevel, type DunningSchedule, useSaveSchedule, useSchedule } from "./dunningApi";

export function DunningScheduleForm() {
  const { t } = useTranslation();
  const schedule = useSchedule();
  return (
    <Paper withBorder radius="md" p="md">
      <SectionTitle>{t("dunning.scheduleTitle")}</SectionTitle>
      <Text size="sm" c="dimmed" mb="sm">
        {t("dunning.scheduleHint")}
      </Text>
      {schedule.isPending ? (
        <DetailSkeleton />
      ) : schedule.isError ? (
        <QueryError error={schedule.error} onRetry={() => void schedule.refetch()} />
      ) : (
        <ScheduleEditor key={schedule.data.version} initial={schedule.data} />
      )}
    </Paper>
  );
}

const toMajor = (minor: number) => minor / 100;
const toMinor = (major: string | number) => Math.round(Number(major || 0) * 100);

function ScheduleEditor({ initial }: { initial: DunningSchedule }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DunningSchedule>(initial);
  // Stable keys for the level cards, so removing one does not hand its inputs to the next.
  const [keys, setKeys] = useState(() => initial.levels.map((_, i) => i));
  const save = useSaveSchedule();
  const fieldErrors = isApiError(save.error) ? (save.error.fieldErrors ?? []) : [];
  const errorOf = (field: string) => fieldErrors.find((e) => e.field === field)?.message;
  const setLevel = (i: number, change: Partial<DunningLevel>) =>
    setDraft((d) => ({ ...d, levels: d.levels.map((l, j) => (j === i ? { ...l, ...change } : l)) }));
  const addLevel = () => {
    setDraft((d) => {
      const last = d.levels[d.levels.length - 1];
      const next: DunningLevel = {
        title: { en: `Notice ${d.levels.length + 1}`, de: `${d.levels.length + 1}. Mahnung` },
        daysAfterDue: (last?.daysAfterDue ?? 0) + 14,
        feePrivate: last?.feePrivate ?? 0,
        feeBusiness: last?.feeBusiness ?? 0,
        text: last?.text ?? { en: "", de: "" },
        autoSend: false,
      };
      return { ...d, levels: [...d.levels, next] };
    });
    setKeys((k) => [...k, Math.max(-1, ...k) + 1]);
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(draft, { onSuccess: () => notifySuccess(t("dunning.saved")) });
      }}
    >
      <Stack gap="md">
        <Group gap="xl">
          <Switch
            label={t("dunning.enabled")}
            checked={draft.enabled}
            onChange={(e) => setDraft({ ...draft, enabled: e.currentTarget.checked })}
          />
          <Switch
            label={t("dunning.interest")}
            description={t("dunning.interestHint")}
            checked={draft.interestEnabled}
            onChange={(e) => setDraft({ ...draft, interestEnabled: e.currentTarget.checked })}
          />
          <NumberInput
            label={t("dunning.minDaysBetween")}
            min={1}
            max={90}
            w={200}
            value={draft.minDaysBetween}
            error={errorOf("minDaysBetween")}
            onChange={(v) => setDraft({ ...draft, minDaysBetween: Number(v) || 1 })}
          />
        </Group>
        {draft.levels.map((level, i) => {
          const at = `levels.${i}`;
          return (
            <Paper key={keys[i]} withBorder radius="sm" p="sm">
              <Group justify="space-between" mb="xs">
                <Title order={3} size="h5">
                  {t("dunning.levelN", { level: i + 1 })}
                </Title>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t("dunning.removeLevel", { level: i + 1 })}
                  onClick={() => {
                    setDraft((d) => ({ ...d, levels: d.levels.filter((_, j) => j !== i) }));
                    setKeys((k) => k.filter((_, j) => j !== i));
                  }}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
                <NumberInput
                  label={t("dunning.daysAfterDue")}
                  min={1}
                  max={365}
                  value={level.daysAfterDue}
                  error={errorOf(`${at}.daysAfterDue`)}
                  onChange={(v) => setLevel(i, { daysAfterDue: Number(v) || 0 })}
                />
                <NumberInput
                  label={t("dunning.feePrivate")}
                  min={0}
                  decimalScale={2}
                  fixedDecimalScale
                  value={toMajor(level.feePrivate)}
                  error={errorOf(`${at}.feePrivate`)}
                  onChange={(v) => setLevel(i, { feePrivate: toMinor(v) })}
                />
                <NumberInput
                  label={t("dunning.feeBusiness")}
                  min={0}
                  decimalScale={2}
                  fixedDecimalScale
                  value={toMajor(level.feeBusiness)}
                  error={errorOf(`${at}.feeBusiness`)}
                  onChange={(v) => setLevel(i, { feeBusiness: toMinor(v) })}
                />
                <Checkbox
                  mt="xl"
                  label={t("dunning.autoSend")}
                  checked={level.autoSend}
                  onChange={(e) => setLevel(i, { autoSend: e.currentTarget.checked })}
                />
                <TextInput
                  label={t("dunning.titleEn")}
                  value={level.title.en}
                  error={errorOf(`${at}.title.en`)}
                  onChange={(e) => setLevel(i, { title: { ...level.title, en: e.currentTarget.value } })}
                />
                <TextInput
                  label={t("dunning.titleDe")}
                  value={level.title.de}
                  error={errorOf(`${at}.title.de`)}
                  onChange={(e) => setLevel(i, { title: { ...level.title, de: e.currentTarget.value } })}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" mt="sm">
                <Textarea
                  label={t("dunning.textEn")}
                  autosize
                  minRows={2}
                  value={level.text.en}
                  error={errorOf(`${at}.text.en`)}
                  onChange={(e) => setLevel(i, { text: { ...level.text, en: e.currentTarget.value } })}
                />
                <Textarea
                  label={t("dunning.textDe")}
                  autosize
                  minRows={2}
                  value={level.text.de}
                  error={errorOf(`${at}.text.de`)}
                  onChange={(e) => setLevel(i, { text: { ...level.text, de: e.currentTarget.value } })}
                />
              </SimpleGrid>
            </Paper>
          );
        })}
        {errorOf("levels") ? <FormError message={errorOf("levels") ?? null} /> : null}
        {save.error && fieldErrors.length === 0 ? (
          <FormError message={isApiError(save.error) ? save.error.message : String(save.error)} />
        ) : null}
        <Group justify="space-between">
          <Button
            variant="default"
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={addLevel}
            disabled={draft.levels.length >= 6}
          >
            {t("dunning.addLevel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("dunning.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
