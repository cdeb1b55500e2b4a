import { Alert, DataList, Stack } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useMoney } from "../../../estimates/estimateUi";
import type { LocationSettings } from "../../../types";
import { FIELD_ORDER, toValues } from "./locationValues";

export function LocationReadOnly({ location }: { location: LocationSettings }) {
  const { t } = useTranslation();
  const fmt = useMoney(location.currency);
  const values = toValues(location);
  return (
    <Stack gap="md">
      <Alert color="gray" icon={<IconLock aria-hidden />} role="note">
        {t("settings.readOnly")}
      </Alert>
      <DataList labelWidth="10rem">
        {FIELD_ORDER.map((field) => (
          <DataList.Item key={field}>
            <DataList.ItemLabel>{t(`settings.${field}`)}</DataList.ItemLabel>
            <DataList.ItemValue>
              {(field === "managingDirectors" ? values[field].split("\n").join(", ") : values[field]) ||
                t("common.notSet")}
            </DataList.ItemValue>
          </DataList.Item>
        ))}
        {location.eInvoiceDefault ? (
          <DataList.Item>
            <DataList.ItemLabel>{t("settings.eInvoiceDefault")}</DataList.ItemLabel>
            <DataList.ItemValue>{t(`eInvoice.formats.${location.eInvoiceDefault}`)}</DataList.ItemValue>
          </DataList.Item>
        ) : null}
        <DataList.Item>
          <DataList.ItemLabel>{t("settings.labourRate")}</DataList.ItemLabel>
          <DataList.ItemValue className="pl-num">
            {location.labourRate !== undefined ? fmt.money(location.labourRate) : t("common.notSet")}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
    </Stack>
  );
}
