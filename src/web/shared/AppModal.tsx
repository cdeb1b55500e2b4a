import { Modal, type ModalRootProps } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface AppModalProps {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  size?: ModalRootProps["size"];
  centered?: boolean;
  children: ReactNode;
}

/**
 * Modal with a translated close-button label and a plain <div> header
 * (Mantine's <header> would add a second "banner" landmark to the page).
 */
export function AppModal({ opened, onClose, title, size, centered, children }: AppModalProps) {
  const { t } = useTranslation();
  return (
    // No open/close animation: half-faded text would fail contrast checks while it animates.
    <Modal.Root
      opened={opened}
      onClose={onClose}
      size={size}
      centered={centered}
      transitionProps={{ duration: 0 }}
    >
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header component="div">
          <Modal.Title fw={700}>{title}</Modal.Title>
          <Modal.CloseButton aria-label={t("common.close")} />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
