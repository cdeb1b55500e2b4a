import { Alert, Text } from "@mantine/core";
import { IconCheck, IconClock, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Estimate } from "../estimateApi";

/** What became of the estimate (approved, declined, disputed, being revised), said at the top. */
export function Outcome({
  estimate,
  lineNames,
}: {
  estimate: Estimate;
  lineNames: (ids: string[]) => string;
}) {
  const { t } = useTranslation();
  const last = [...estimate.decisions].sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  if (estimate.status === "approved") {
    return (
      <Alert
        color="green"
        icon={<IconCheck aria-hidden />}
        title={t("estimates.portal.outcomeApproved")}
        role="status"
      >
        {last?.approvedLineIds.length ? (
          <Text size="sm">
            {t("estimates.portal.outcomeApprovedLines", { lines: lineNames(last.approvedLineIds) })}
          </Text>
        ) : null}
        {last?.declinedLineIds.length ? (
          <Text size="sm">
            {t("estimates.portal.outcomeDeclinedLines", { lines: lineNames(last.declinedLineIds) })}
          </Text>
        ) : null}
      </Alert>
    );
  }
  if (estimate.status === "declined") {
    return (
      <Alert
        color="red"
        icon={<IconX aria-hidden />}
        title={t("estimates.portal.outcomeDeclined")}
        role="status"
      >
        {last?.reason ? (
          <Text size="sm">{t("estimates.history.reason", { reason: last.reason })}</Text>
        ) : null}
      </Alert>
    );
  }
  if (estimate.status === "disputed") {
    return (
      <Alert
        color="orange"
        icon={<IconClock aria-hidden />}
        title={t("estimates.portal.outcomeDisputed")}
        role="status"
      />
    );
  }
  if (estimate.status === "revising") {
    return (
      <Alert
        color="blue"
        icon={<IconClock aria-hidden />}
        title={t("estimates.portal.outcomeRevising")}
        role="status"
      />
    );
  }
  return null;
}
