import { Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AppModal } from "./AppModal";

interface ConfirmDiscardProps {
  opened: boolean;
  onKeepEditing: () => void;
  onDiscard: () => void;
}

/** Asks before throwing away unsaved form changes. */
export function ConfirmDiscard({ opened, onKeepEditing, onDiscard }: ConfirmDiscardProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onKeepEditing} title={t("common.discardTitle")} centered>
      <Text size="sm">{t("common.discardBody")}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onKeepEditing} data-autofocus>
          {t("common.keepEditing")}
        </Button>
        <Button color="red.9" onClick={onDiscard}>
          {t("common.discard")}
        </Button>
      </Group>
    </AppModal>
  );
}
