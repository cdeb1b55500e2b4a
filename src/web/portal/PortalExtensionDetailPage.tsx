import { Anchor, Group, Stack, Text } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../api";
import { CustomerExtensionView } from "../extensions/CustomerExtensionView";
import { type Decision, type Extension, extensionKeys, usePortalExtension } from "../extensions/extensionApi";
import { ExtensionStatusBadge } from "../extensions/extensionUi";
import { notifySuccess } from "../shared/notify";
import { DetailSkeleton, PageHeader, QueryError } from "../shared/ui";

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor
      component={Link}
      to="/portal/extensions"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ gap: 4 }}
    >
      <IconArrowLeft size={16} aria-hidden style={{ alignSelf: "center" }} />
      {t("extensionCustomer.backToList")}
    </Anchor>
  );
}

export function PortalExtensionDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const queryClient = useQueryClient();
  const query = usePortalExtension(id);
  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <BackLink />
        <PageHeader title={t("extensionCustomer.title")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const extension = query.data;
  const decide = async (decisions: Decision[]) => {
    const next = await api.post<Extension>(`/api/v1/portal/extensions/${encodeURIComponent(id)}/decide`, {
      decisions,
    });
    queryClient.setQueryData(extensionKeys.portalDetail(id), next);
    void queryClient.invalidateQueries({ queryKey: ["portal", "extensions", "list"] });
    notifySuccess(t("extensionCustomer.thanks"));
    window.scrollTo({ top: 0 });
  };
  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <Group gap="sm" component="span" wrap="wrap">
            <span>{t("extensionCustomer.title")}</span>
            <ExtensionStatusBadge status={extension.status} audience="customer" size="lg" />
          </Group>
        }
        documentTitle={`${t("extensionCustomer.title")} ${extension.workOrderNumber}`}
        description={
          <Stack gap={0}>
            <Text fw={600} c="dark">
              {extension.plate ? `${extension.unitLabel} (${extension.plate})` : extension.unitLabel}
            </Text>
            <Text size="sm" className="pl-num">
              {t("extensionCustomer.workOrder", { number: extension.workOrderNumber })}
            </Text>
          </Stack>
        }
      />
      <CustomerExtensionView extension={extension} decide={decide} />
    </>
  );
}
