import { ActionIcon, Button, Group, Paper, Text, Title } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import {
  disputeNote,
  type Estimate,
  type EstimateLabour,
  type EstimateVersion,
  latestDispute,
} from "../../../estimates/estimateApi";
import { LinesList } from "../../../estimates/LinesList";
import { errorMessage } from "../../../shared/ui";
import type { LineTarget } from "./LineModal";
import type { RemoveTarget } from "./RemoveLineModal";
import type { EstimateEditing } from "./useEstimateEditing";

/** Moves a labour line (with its parts) one place up or down. */
function useMoveLabour(estimate: Estimate, editing: EstimateEditing) {
  const { t } = useTranslation();
  const { base, applied, handleConflict, setActionError } = editing;
  const draftLabour = estimate.draft?.labour ?? [];
  return async (index: number, delta: -1 | 1) => {
    const order = [...draftLabour];
    const [line] = order.splice(index, 1);
    if (!line) return;
    order.splice(index + delta, 0, line);
    setActionError(null);
    try {
      applied(
        await api.post<Estimate>(`${base}/reorder`, {
          lineIds: order.flatMap((l) => [l.id, ...l.parts.map((p) => p.id)]),
          version: estimate.version,
        }),
      );
    } catch (error) {
      if (!handleConflict(error)) setActionError(errorMessage(error, t("errors.saveFailed")));
    }
  };
}

/** The lines: the working copy while it is edited (move, edit, remove, add), else the current version. */
export function EstimateLines({
  estimate,
  editable,
  latest,
  editing,
  setLineTarget,
  setRemoving,
}: {
  estimate: Estimate;
  editable: boolean;
  latest: EstimateVersion | undefined;
  editing: EstimateEditing;
  setLineTarget: (target: LineTarget) => void;
  setRemoving: (target: RemoveTarget) => void;
}) {
  const { t } = useTranslation();
  const moveLabour = useMoveLabour(estimate, editing);
  const dispute =
    estimate.status === "disputed" || estimate.status === "revising" ? latestDispute(estimate) : undefined;
  const disputed = new Map(
    (dispute?.disputedLines ?? []).map((line) => [
      line.lineId,
      disputeNote(line) || (line.withPart ? t("estimates.withItsPart") : ""),
    ]),
  );
  const draftLabour = estimate.draft?.labour ?? [];
  const shownLabour = editable ? draftLabour : (latest?.lines.labour ?? draftLabour);
  return (
    <Paper withBorder radius="md" p="lg" className="pl-span-2">
      <Group justify="space-between" mb="md" gap="sm">
        <Title order={2}>{t("estimates.lines")}</Title>
        {editable ? (
          <Button
            className="pl-no-print"
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => setLineTarget({ mode: "addLabour" })}
          >
            {t("estimates.addLabour")}
          </Button>
        ) : null}
      </Group>
      {!editable && latest ? (
        <Text size="sm" c="dimmed" mb="sm">
          {t("estimates.readOnlyHint", { version: latest.versionNo })}
        </Text>
      ) : null}
      <LinesList
        labour={shownLabour}
        currency={estimate.currency}
        label={t("estimates.labourLines")}
        disputed={disputed}
        renderActions={
          editable
            ? (line, kind) => (
                <Group gap={4} wrap="nowrap" className="pl-no-print">
                  {kind === "labour" ? (
                    <>
                      <ActionIcon
                        variant="subtle"
                        color="gray.8"
                        aria-label={t("estimates.moveUp", { description: line.description })}
                        disabled={draftLabour.findIndex((l) => l.id === line.id) === 0}
                        onClick={() =>
                          void moveLabour(
                            draftLabour.findIndex((l) => l.id === line.id),
                            -1,
                          )
                        }
                      >
                        <IconArrowUp size={18} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="gray.8"
                        aria-label={t("estimates.moveDown", { description: line.description })}
                        disabled={draftLabour.findIndex((l) => l.id === line.id) === draftLabour.length - 1}
                        onClick={() =>
                          void moveLabour(
                            draftLabour.findIndex((l) => l.id === line.id),
                            1,
                          )
                        }
                      >
                        <IconArrowDown size={18} aria-hidden />
                      </ActionIcon>
                    </>
                  ) : null}
                  <ActionIcon
                    variant="subtle"
                    color="gray.8"
                    aria-label={t("estimates.editLine", { description: line.description })}
                    onClick={() => setLineTarget({ mode: "edit", kind, line })}
                  >
                    <IconPencil size={18} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    aria-label={t("estimates.removeLine", { description: line.description })}
                    onClick={() => setRemoving({ kind, line })}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Group>
              )
            : undefined
        }
        renderExtra={
          editable
            ? (line, kind) =>
                kind === "labour" ? (
                  <Button
                    className="pl-no-print"
                    mt="xs"
                    size="xs"
                    variant="light"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={() => setLineTarget({ mode: "addPart", labour: line as EstimateLabour })}
                  >
                    {t("estimates.addParts")}
                  </Button>
                ) : null
            : undefined
        }
      />
    </Paper>
  );
}
