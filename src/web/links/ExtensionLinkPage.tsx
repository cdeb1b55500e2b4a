import "../shared/areaSetup";
import { Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api, isApiError } from "../api";
import { CustomerExtensionView, ThanksAlert, UsedAlert } from "../extensions/CustomerExtensionView";
import { type Decision, type ExtensionLinkView, extensionKeys } from "../extensions/extensionApi";
import { ExtensionStatusBadge } from "../extensions/extensionUi";
import { errorMessage } from "../shared/ui";
import { LinkPageShell, LinkSubject, useMailedLink } from "./LinkPageShell";

/** Public phone page behind the link mailed with an order extension: /x/:token */
export default function ExtensionLinkPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const queryClient = useQueryClient();
  const [answered, setAnswered] = useState(false);
  const base = `/api/v1/links/extension/${encodeURIComponent(token)}`;
  /** A spent link: say so and show the offer as it is now. */
  const { query, linkProblem, onError } = useMailedLink<ExtensionLinkView>(extensionKeys.link(token), base);

  const decide = async (decisions: Decision[]) => {
    const next = await api.post<ExtensionLinkView>(`${base}/decide`, { decisions });
    queryClient.setQueryData(extensionKeys.link(token), next);
    setAnswered(true);
    window.scrollTo({ top: 0 });
  };

  return (
    <LinkPageShell
      query={query}
      title={t("extensionCustomer.title")}
      subtitle={t("extensionCustomer.subtitle")}
      unavailable={t("extensionCustomer.unavailable")}
      unavailableBody={(error) => {
        const gone = isApiError(error) && (error.status === 410 || error.status === 404);
        return (
          <Text size="sm">
            {gone ? t("extensionCustomer.unavailableBody") : errorMessage(error, t("errors.loadFailed"))}
          </Text>
        );
      }}
      mainPx="sm"
    >
      {({ extension, linkUsed }) => {
        const readOnly = answered || linkUsed || !!linkProblem || extension.status !== "sent";
        return (
          <Stack gap="md">
            {answered ? <ThanksAlert /> : linkUsed || linkProblem ? <UsedAlert detail={linkProblem} /> : null}
            <LinkSubject
              unitLabel={extension.unitLabel}
              plate={extension.plate}
              detail={t("extensionCustomer.workOrder", { number: extension.workOrderNumber })}
              badge={<ExtensionStatusBadge status={extension.status} audience="customer" />}
            />
            <CustomerExtensionView
              extension={extension}
              readOnly={readOnly}
              decide={decide}
              onError={onError}
            />
          </Stack>
        );
      }}
    </LinkPageShell>
  );
}
