import { Anchor, Button, Group } from "@mantine/core";
import { IconArrowLeft, IconDownload, IconPrinter } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Estimate, type EstimateVersion, estimatePdfHref } from "../../../estimates/estimateApi";
import { EstimateStatusBadge } from "../../../estimates/estimateUi";
import { PageHeader } from "../../../shared/ui";

export function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor
      component={Link}
      to="/shop/estimates"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ gap: 4 }}
      className="pl-no-print"
    >
      <IconArrowLeft size={16} aria-hidden style={{ alignSelf: "center" }} />
      {t("estimates.backToList")}
    </Anchor>
  );
}

/** Number and status, customer and unit, and the PDF and print buttons. */
export function EstimateHeader({
  estimate,
  editable,
  latest,
}: {
  estimate: Estimate;
  editable: boolean;
  latest: EstimateVersion | undefined;
}) {
  const { t } = useTranslation();
  return (
    <PageHeader
      title={
        <Group gap="sm" component="span" wrap="wrap">
          <span className="pl-num">{estimate.number}</span>
          <EstimateStatusBadge status={estimate.status} size="lg" />
        </Group>
      }
      documentTitle={`${t("estimates.detailTitle")} ${estimate.number}`}
      description={
        <Group gap="md" component="span" wrap="wrap">
          <Anchor component={Link} to={`/shop/customers/${estimate.customerId}`}>
            {estimate.customerName}
          </Anchor>
          <Anchor component={Link} to={`/shop/units/${estimate.unitId}`}>
            {estimate.plate ? `${estimate.unitLabel} (${estimate.plate})` : estimate.unitLabel}
          </Anchor>
        </Group>
      }
      actions={
        <>
          <Button
            component="a"
            // What the page shows: the working copy while it is edited, else the current version.
            href={estimatePdfHref("shop", estimate.id, editable ? 0 : estimate.currentVersion)}
            target="_blank"
            rel="noopener"
            variant="default"
            className="pl-no-print"
            leftSection={<IconDownload size={18} aria-hidden />}
            aria-label={
              editable || !latest
                ? t("estimates.pdf.workingCopyLabel")
                : t("estimates.pdf.versionLabel", { version: latest.versionNo })
            }
          >
            {t("estimates.pdf.download")}
          </Button>
          <Button
            variant="default"
            className="pl-no-print"
            leftSection={<IconPrinter size={18} aria-hidden />}
            onClick={() => window.print()}
          >
            {t("estimates.print")}
          </Button>
        </>
      }
    />
  );
}
