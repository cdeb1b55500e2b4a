import "../shared/areaSetup";
import { Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { CustomerEstimateView, currentAndPrevious } from "../estimates/CustomerEstimateView";
import { type Estimate, type EstimateLinkView, estimateKeys } from "../estimates/estimateApi";
import { EstimateStatusBadge } from "../estimates/estimateUi";
import { LinkPageShell, LinkSubject, LinkThanks, LinkUsed, useMailedLink } from "./LinkPageShell";

/** Public page behind the link mailed to customers without an account when an estimate is ready: /e/:token */
export default function EstimateLinkPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const [answered, setAnswered] = useState<Estimate | null>(null);
  /** An expired or spent link: say so and show the estimate as it is now. */
  const { query, linkProblem, onError } = useMailedLink<EstimateLinkView>(
    estimateKeys.link(token),
    `/api/v1/links/estimate/${encodeURIComponent(token)}`,
  );

  return (
    <LinkPageShell
      query={query}
      title={t("estimates.link.title")}
      subtitle={t("estimates.link.subtitle")}
      unavailable={t("estimates.link.unavailable")}
    >
      {(data) => {
        const { linkUsed } = data;
        const estimate = answered ?? data.estimate;
        const { current } = currentAndPrevious(estimate);
        const readOnly = !!answered || linkUsed || !!linkProblem;
        return (
          <Stack gap="md">
            {answered ? (
              <LinkThanks title={t("estimates.link.thanks")}>
                <Text size="sm">{t("estimates.link.oneDecision")}</Text>
              </LinkThanks>
            ) : linkUsed || linkProblem ? (
              <LinkUsed title={t("estimates.link.used")}>
                {linkProblem ? <Text size="sm">{linkProblem}</Text> : null}
              </LinkUsed>
            ) : null}
            <LinkSubject
              unitLabel={estimate.unitLabel}
              plate={estimate.plate}
              detail={
                current
                  ? `${estimate.number} · ${t("estimates.versionNo", { version: current.versionNo })}`
                  : estimate.number
              }
              badge={<EstimateStatusBadge status={estimate.status} />}
            />
            <CustomerEstimateView
              estimate={estimate}
              source={{ linkToken: token }}
              readOnly={readOnly}
              onApplied={(next) => setAnswered(next)}
              onError={onError}
              onReload={() => void query.refetch()}
            />
          </Stack>
        );
      }}
    </LinkPageShell>
  );
}
