// Download the list on screen as XLSX or CSV: plain links (the session cookie goes with them), so the
// browser streams the file to disk while the server writes it.
import { Button, Group } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

/** `path` with the list's filter, e.g. /api/v1/open-items/export; format and language are added here. */
export function ExportButtons({ path, filter }: { path: string; filter: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const href = (format: "xlsx" | "csv") => {
    const params = new URLSearchParams({ format, language: i18n.resolvedLanguage === "de" ? "de" : "en" });
    for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
    return `${path}?${params}`;
  };
  return (
    <Group gap="xs" mb="sm">
      {(["xlsx", "csv"] as const).map((format) => (
        <Button
          key={format}
          component="a"
          href={href(format)}
          download
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t(`listExport.${format}`)}
        </Button>
      ))}
    </Group>
  );
}
