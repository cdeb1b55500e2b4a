import { Badge } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

export function ClosedBadge({ size = "md" }: { size?: "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="filled"
      color="dark"
      radius="sm"
      tt="none"
      size={size}
      leftSection={<IconCircleCheck size={14} aria-hidden />}
      style={{ flexShrink: 0 }}
    >
      {t("invoiceCase.closed")}
    </Badge>
  );
}
