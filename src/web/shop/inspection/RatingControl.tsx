import { VisuallyHidden } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { RATINGS, type Rating } from "./inspectionApi";
import { RATING_ICONS } from "./RatingTag";

/** The three ratings as large radio buttons, each with its icon and word. */
export function RatingControl({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Rating | null;
  onChange: (rating: Rating) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="pl-rating">
      <VisuallyHidden component="legend">{label}</VisuallyHidden>
      {RATINGS.map((rating) => {
        const Icon = RATING_ICONS[rating];
        return (
          <label key={rating} className="pl-rating-option" data-rating={rating}>
            <input
              type="radio"
              name={name}
              value={rating}
              checked={value === rating}
              onChange={() => onChange(rating)}
            />
            <Icon size={20} stroke={2} aria-hidden />
            {t(`inspection.rating.${rating}`)}
          </label>
        );
      })}
    </fieldset>
  );
}
