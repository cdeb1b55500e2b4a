import { IconAlertOctagon, IconAlertTriangle, IconCircleCheck, IconCircleDashed } from "@tabler/icons-react";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import type { Rating } from "./inspectionApi";

type IconType = ComponentType<{ size?: number; stroke?: number; "aria-hidden"?: boolean }>;

export const RATING_ICONS: Record<Rating, IconType> = {
  ok: IconCircleCheck,
  attention: IconAlertTriangle,
  urgent: IconAlertOctagon,
};

/** A rating as a coloured label with its icon and word (never colour alone). */
export function RatingTag({ rating }: { rating: Rating | null }) {
  const { t } = useTranslation();
  const Icon = rating ? RATING_ICONS[rating] : IconCircleDashed;
  return (
    <span className="pl-rating-tag" data-rating={rating ?? "none"}>
      <Icon size={16} aria-hidden />
      {rating ? t(`inspection.rating.${rating}`) : t("inspection.notRated")}
    </span>
  );
}
