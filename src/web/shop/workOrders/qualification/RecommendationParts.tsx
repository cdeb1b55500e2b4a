import { ActionIcon, Table, Text, VisuallyHidden } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { useMoney } from "../../../estimates/estimateUi";
import type { Qualification, Recommendation } from "../../../extensions/extensionApi";
import { AvailabilityBadge } from "../../../extensions/extensionUi";
import { ScrollTable } from "../../../shared/ScrollTable";
import { useCan } from "../../../shared/session";
import { NumberTableHead } from "../NumberTableHead";
import type { RunChange } from "./useApplyQualification";

/** The parts of a recommendation with their availability; while it is open, each can be removed. */
export function RecommendationParts({
  rec,
  currency,
  editable,
  busy,
  run,
}: {
  rec: Recommendation;
  currency: string;
  editable: boolean;
  busy: string | null;
  run: RunChange;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const canParts = useCan("job-parts:write");
  return (
    <ScrollTable minWidth={440} label={t("extension.partsOf", { item: rec.description })}>
      <Table verticalSpacing={4} fz="sm" aria-label={t("extension.partsOf", { item: rec.description })}>
        <NumberTableHead
          columns={[
            { label: t("extension.part") },
            { label: t("extension.quantity"), numeric: true },
            { label: t("extension.unitPrice"), numeric: true },
            { label: t("extension.availabilityLabel") },
            canParts && editable
              ? { label: <VisuallyHidden>{t("extension.actions")}</VisuallyHidden> }
              : null,
          ]}
        />
        <Table.Tbody>
          {rec.parts.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Text size="sm">{p.description}</Text>
                {p.partNumber ? (
                  <Text size="xs" c="dimmed" className="pl-num">
                    {p.partNumber}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {fmt.quantity(p.quantityMilli)}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {fmt.money(p.unitPrice)}
              </Table.Td>
              <Table.Td>
                <AvailabilityBadge availability={p.availability} />
              </Table.Td>
              {canParts && editable ? (
                <Table.Td ta="right">
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    size={44}
                    aria-label={t("extension.removePart", { part: p.description })}
                    loading={busy === `rm-${p.id}`}
                    disabled={busy !== null}
                    onClick={() =>
                      void run(`rm-${p.id}`, () =>
                        api.delete<Qualification>(`/api/v1/recommendation-parts/${encodeURIComponent(p.id)}`),
                      )
                    }
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
