import { Checkbox, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import type { Dispatch, SetStateAction } from "react";
import { useTranslation } from "react-i18next";
import type { Estimate, EstimateLabour } from "../estimateApi";
import { LinesList } from "../LinesList";
import type { Dispute } from "./useDispute";

/** The lines of the current version: approve each labour line, or tick and explain the disputed ones. */
export function CustomerLines({
  estimate,
  labour,
  awaiting,
  disputed,
  declined,
  approved,
  setApproved,
  dispute,
}: {
  estimate: Estimate;
  labour: EstimateLabour[];
  awaiting: boolean;
  disputed: Map<string, string> | undefined;
  declined: Set<string> | undefined;
  approved: Set<string>;
  setApproved: Dispatch<SetStateAction<Set<string>>>;
  dispute: Dispute;
}) {
  const { t } = useTranslation();
  const { disputeRef, mode, picked, setPicked, notes, setNotes, noteErrors } = dispute;
  return (
    <Paper withBorder radius="md" p={{ base: "xs", sm: "md" }} ref={disputeRef}>
      <Title order={2} mb="sm" px={{ base: "xs", sm: 0 }} pt={{ base: "xs", sm: 0 }}>
        {t("estimates.lines")}
      </Title>
      {mode === "dispute" ? (
        <Text size="sm" mb="sm" px={{ base: "xs", sm: 0 }}>
          {t("estimates.portal.disputeHint")}
        </Text>
      ) : null}
      <LinesList
        labour={labour}
        currency={estimate.currency}
        label={t("estimates.labourLines")}
        disputed={disputed}
        declined={declined}
        renderExtra={
          awaiting
            ? (line, kind) => {
                if (mode === "dispute") {
                  // Disputing a part disputes its labour line too (a part is not fitted without
                  // its labour): the line shows ticked, says why, and needs no note of its own.
                  const withPart =
                    kind === "labour" &&
                    !picked[line.id] &&
                    (labour.find((l) => l.id === line.id)?.parts ?? []).some((p) => picked[p.id]);
                  if (withPart) {
                    return (
                      <Checkbox
                        mt="xs"
                        label={t("estimates.portal.disputeLine", { description: line.description })}
                        description={t("estimates.portal.disputedWithPart")}
                        checked
                        // Ticked while its part is; clicking it adds a note of the customer's own.
                        onChange={() => setPicked((p) => ({ ...p, [line.id]: true }))}
                      />
                    );
                  }
                  return (
                    <Stack gap="xs" mt="xs">
                      <Checkbox
                        label={t("estimates.portal.disputeLine", { description: line.description })}
                        checked={!!picked[line.id]}
                        onChange={(event) => {
                          const checked = event.currentTarget.checked;
                          setPicked((p) => ({ ...p, [line.id]: checked }));
                        }}
                      />
                      {picked[line.id] ? (
                        <Textarea
                          label={t("estimates.portal.noteFor", { description: line.description })}
                          required
                          autosize
                          minRows={2}
                          maxLength={1000}
                          value={notes[line.id] ?? ""}
                          error={noteErrors[line.id]}
                          onChange={(event) => {
                            const value = event.currentTarget.value;
                            setNotes((n) => ({ ...n, [line.id]: value }));
                          }}
                        />
                      ) : null}
                    </Stack>
                  );
                }
                if (kind !== "labour") return null;
                return (
                  <Checkbox
                    mt="xs"
                    label={t("estimates.portal.approveLine", { description: line.description })}
                    checked={approved.has(line.id)}
                    onChange={(event) => {
                      const checked = event.currentTarget.checked;
                      setApproved((previousSet) => {
                        const next = new Set(previousSet);
                        if (checked) next.add(line.id);
                        else next.delete(line.id);
                        return next;
                      });
                    }}
                  />
                );
              }
            : undefined
        }
      />
    </Paper>
  );
}
