import { Anchor, Group, Text } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { CustomerEstimateView, currentAndPrevious } from "../estimates/CustomerEstimateView";
import { estimateKeys, usePortalEstimate } from "../estimates/estimateApi";
import { EstimateStatusBadge } from "../estimates/estimateUi";
import { DetailSkeleton, PageHeader, QueryError } from "../shared/ui";

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor
      component={Link}
      to="/portal/estimates"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ gap: 4 }}
    >
      <IconArrowLeft size={16} aria-hidden style={{ alignSelf: "center" }} />
      {t("estimates.portal.backToList")}
    </Anchor>
  );
}

export function PortalEstimateDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const queryClient = useQueryClient();
  const query = usePortalEstimate(id);
  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <BackLink />
        <PageHeader title={t("estimates.detailTitle")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const estimate = query.data;
  const { current } = currentAndPrevious(estimate);
  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <Group gap="sm" component="span" wrap="wrap">
            <span className="pl-num">{estimate.number}</span>
            <EstimateStatusBadge status={estimate.status} size="lg" />
          </Group>
        }
        documentTitle={`${t("estimates.detailTitle")} ${estimate.number}`}
        description={
          <>
            <Text fw={600} c="dark">
              {estimate.plate ? `${estimate.unitLabel} (${estimate.plate})` : estimate.unitLabel}
            </Text>
            {current ? (
              <Text size="sm">{t("estimates.versionNo", { version: current.versionNo })}</Text>
            ) : null}
          </>
        }
      />
      <CustomerEstimateView
        estimate={estimate}
        source="portal"
        onApplied={(next) => {
          queryClient.setQueryData(estimateKeys.portalDetail(next.id), next);
          void queryClient.invalidateQueries({ queryKey: estimateKeys.portalList() });
        }}
        onReload={() => void query.refetch()}
      />
    </>
  );
}
