import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CustomerType } from "../../types";

export function CustomerTypeBadge({ type }: { type: CustomerType }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={type === "business" ? "grape" : "blue"}
      radius="sm"
      className="pl-badge-full"
    >
      {type === "business" ? t("customers.business") : t("customers.private")}
    </Badge>
  );
}
