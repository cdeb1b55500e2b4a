import { Group, Paper, SegmentedControl, SimpleGrid, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ChangesList } from "../../../estimates/ChangesList";
import { type Estimate, estimatePdfHref } from "../../../estimates/estimateApi";
import { TotalsBox } from "../../../estimates/estimateUi";
import { LinesList } from "../../../estimates/LinesList";
import { PdfLink } from "../../../estimates/PdfLink";
import { useFormat } from "../../../shared/format";

/** The submitted versions, one at a time, with what changed from the one before. */
export function VersionsSection({ estimate }: { estimate: Estimate }) {
  const { t } = useTranslation();
  const format = useFormat().dateTime;
  const versions = [...estimate.versions].sort((a, b) => a.versionNo - b.versionNo);
  const [picked, setPicked] = useState<string | null>(null);
  const latest = versions.at(-1);
  if (!latest) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Title order={2} mb="sm">
          {t("estimates.versions")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("estimates.noVersions")}
        </Text>
      </Paper>
    );
  }
  const selected = versions.find((v) => String(v.versionNo) === picked) ?? latest;
  const previous = versions.find((v) => v.versionNo === selected.versionNo - 1);
  return (
    <Paper withBorder radius="md" p="lg" className="pl-no-print">
      <Group justify="space-between" mb="md" gap="sm">
        <Title order={2}>{t("estimates.versions")}</Title>
        <SegmentedControl
          aria-label={t("estimates.versionPicker")}
          value={String(selected.versionNo)}
          onChange={setPicked}
          data={versions.map((v) => ({
            value: String(v.versionNo),
            label: t("estimates.versionNo", { version: v.versionNo }),
          }))}
        />
      </Group>
      <Group justify="space-between" gap="sm" mb="sm">
        <Text size="sm" c="dimmed">
          {t("estimates.submittedBy", { by: selected.submittedBy, at: format(selected.at) })}
        </Text>
        <PdfLink
          href={estimatePdfHref("shop", estimate.id, selected.versionNo)}
          label={t("estimates.pdf.versionLabel", { version: selected.versionNo })}
        >
          {t("estimates.pdf.download")}
        </PdfLink>
      </Group>
      {selected.note ? (
        <Text size="sm" mb="sm" style={{ whiteSpace: "pre-line" }}>
          <Text span fw={700} inherit>
            {`${t("estimates.shopNote")}: `}
          </Text>
          {selected.note}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <div className="pl-span-2">
          <LinesList
            labour={selected.lines.labour}
            currency={estimate.currency}
            label={t("estimates.versionNo", { version: selected.versionNo })}
          />
        </div>
        <div style={{ alignSelf: "start" }}>
          <TotalsBox totals={selected.totals} currency={estimate.currency} />
        </div>
      </SimpleGrid>
      {previous ? (
        <>
          <Title order={3} mt="lg" mb="sm">
            {t("estimates.changesFrom", { version: previous.versionNo })}
          </Title>
          <ChangesList
            before={previous.lines.labour}
            after={selected.lines.labour}
            currency={estimate.currency}
            label={t("estimates.changesFrom", { version: previous.versionNo })}
          />
        </>
      ) : null}
    </Paper>
  );
}
