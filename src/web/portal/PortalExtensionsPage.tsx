import { Anchor, Button, Card, EmptyState, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconListCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useMoney } from "../estimates/estimateUi";
import { type Extension, usePortalExtensions } from "../extensions/extensionApi";
import { ExtensionStatusBadge } from "../extensions/extensionUi";
import { useFormat } from "../shared/format";
import { PageHeader, QueryError, TableSkeleton } from "../shared/ui";

/** The customer's order extensions, the ones waiting for a decision first. */
export function PortalExtensionsPage() {
  const { t } = useTranslation();
  const query = usePortalExtensions();
  const items = query.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t("extensionCustomer.portalTitle")}
        description={t("extensionCustomer.portalHint")}
      />
      {query.isPending ? (
        <TableSkeleton rows={3} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Card withBorder radius="md">
          <EmptyState
            py="lg"
            icon={<IconListCheck size={32} aria-hidden />}
            withIndicatorBackground
            title={t("extensionCustomer.empty")}
            description={t("extensionCustomer.emptyHint")}
          />
        </Card>
      ) : (
        <SimpleGrid
          cols={{ base: 1, sm: 2 }}
          spacing="md"
          component="ul"
          p={0}
          m={0}
          aria-label={t("extensionCustomer.portalTitle")}
        >
          {items.map((extension) => (
            <ExtensionCard key={extension.id} extension={extension} />
          ))}
        </SimpleGrid>
      )}
    </>
  );
}

function ExtensionCard({ extension }: { extension: Extension }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const fmt = useMoney(extension.currency);
  const to = `/portal/extensions/${extension.id}`;
  const waiting = extension.status === "sent";
  return (
    <Card component="li" withBorder radius="md" padding="md" style={{ listStyle: "none" }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mb="xs">
        <Title order={2} size="h3" style={{ minWidth: 0, overflowWrap: "anywhere" }}>
          <Anchor component={Link} to={to} inherit>
            {extension.plate ? `${extension.unitLabel} (${extension.plate})` : extension.unitLabel}
          </Anchor>
        </Title>
        <ExtensionStatusBadge status={extension.status} audience="customer" />
      </Group>
      <Stack gap={6}>
        <Text size="sm" c="dimmed" className="pl-num">
          {`${t("extensionCustomer.workOrder", { number: extension.workOrderNumber })} · ${format.dateTime(extension.sentAt)}`}
        </Text>
        <Text size="sm">
          {t("extensionCustomer.itemCount", { items: extension.items.map((i) => i.description).join(", ") })}
        </Text>
        <Text fw={700} size="lg" className="pl-num">
          {fmt.money(extension.totals.gross)}
        </Text>
        <Button mt={4} h={44} variant={waiting ? "filled" : "default"} onClick={() => navigate(to)}>
          {waiting ? t("extensionCustomer.review") : t("extensionCustomer.view")}
        </Button>
      </Stack>
    </Card>
  );
}
