import { Alert } from "@mantine/core";
import { IconTools } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { en } from "../i18n/en";
import { PageHeader } from "../shared/ui";

/** Sections that arrive with later features. */
export function PlaceholderPage({ section }: { section: keyof typeof en.nav }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`nav.${section}`)} />
      <Alert color="blue" icon={<IconTools aria-hidden />} title={t("placeholder.title")} role="status">
        {t("placeholder.notBuilt")}
      </Alert>
    </>
  );
}
