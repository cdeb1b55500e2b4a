// Upload invoice on the Invoices dashboard: a button opening a dialog with the file input and what
// Pitlane reads (an e-invoice XML, or a PDF with ZUGFeRD / Factur-X / XRechnung inside); on 202 the
// review page opens, and a refusal (413, 415, 422) shows under the input.
import { Alert, Button, FileInput, Group, Stack, Text } from "@mantine/core";
import { IconFileInvoice, IconInfoCircle, IconUpload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { isApiError } from "../../../api";
import { AppModal } from "../../../shared/AppModal";
import { useUploadInvoice } from "./uploadApi";

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = ".pdf,.xml,application/pdf,application/xml,text/xml,image/*";

export function UploadInvoiceButton({ label }: { label?: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconUpload size={18} aria-hidden />}
        onClick={() => setOpened(true)}
      >
        {label ?? t("invoiceUploads.upload")}
      </Button>
      {opened ? <UploadInvoiceModal onClose={() => setOpened(false)} /> : null}
    </>
  );
}

function UploadInvoiceModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const uploading = useUploadInvoice();
  const [file, setFile] = useState<File | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const error = uploading.error;
  const fieldError = isApiError(error)
    ? error.fieldErrors.find((e) => e.field === "file")?.message
    : undefined;
  const detail = isApiError(error) ? error.detail : error instanceof Error ? error.message : null;

  return (
    <AppModal opened onClose={onClose} title={t("invoiceUploads.modalTitle")} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) {
            setClientError(t("invoiceUploads.fileRequired"));
            return;
          }
          // The server refuses it too (413); no need to send 10 MB to hear so.
          if (file.size > MAX_BYTES) {
            setClientError(t("invoiceUploads.fileTooLarge"));
            return;
          }
          uploading.mutate(file, {
            onSuccess: (upload) => {
              onClose();
              navigate(`/shop/invoices/uploads/${upload.id}`);
            },
          });
        }}
      >
        <Stack gap="md">
          <Text size="sm">{t("invoiceUploads.explain")}</Text>
          <Text size="sm" c="dimmed">
            {t("invoiceUploads.notYet")}
          </Text>
          <FileInput
            label={t("invoiceUploads.file")}
            placeholder={t("invoiceUploads.filePlaceholder")}
            description={t("invoiceUploads.fileHint")}
            accept={ACCEPT}
            required
            clearable
            value={file}
            onChange={(next) => {
              setFile(next);
              setClientError(null);
              uploading.reset();
            }}
            leftSection={<IconFileInvoice size={18} aria-hidden />}
            error={clientError ?? fieldError}
            data-autofocus
          />
          {detail ? (
            <Alert
              color="red"
              icon={<IconInfoCircle aria-hidden />}
              role="alert"
              title={t("invoiceUploads.refused")}
            >
              {detail}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("invoiceUploads.cancel")}
            </Button>
            <Button
              type="submit"
              loading={uploading.isPending}
              leftSection={<IconUpload size={18} aria-hidden />}
            >
              {t("invoiceUploads.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
