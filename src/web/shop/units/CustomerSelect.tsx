import { type ComboboxItem, Loader, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Customer, ListResponse } from "../../types";
import { customerKeys } from "../customers/customerApi";

interface CustomerSelectProps {
  value: string;
  onChange: (value: string) => void;
  /** Label of the customer already chosen (edit form, or ?customerId=), so it shows before any search. */
  initialOption?: ComboboxItem | null;
  error?: ReactNode;
  required?: boolean;
}

function optionLabel(customer: Customer): string {
  return customer.city ? `${customer.displayName} (${customer.city})` : customer.displayName;
}

/** Searchable customer picker backed by GET /api/v1/customers?q= (server-side search, debounced). */
export function CustomerSelect({ value, onChange, initialOption, error, required }: CustomerSelectProps) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<ComboboxItem | null>(initialOption ?? null);
  const [search, setSearch] = useState(initialOption?.label ?? "");
  const [debounced] = useDebouncedValue(search, 250);
  // When the box just shows the chosen customer's name, list everyone instead of searching for it.
  const q = selected && debounced === selected.label ? "" : debounced.trim();

  const query = useQuery({
    queryKey: customerKeys.options(q),
    queryFn: ({ signal }) => api.get<ListResponse<Customer>>("/api/v1/customers", { q, limit: 20 }, signal),
    placeholderData: keepPreviousData,
  });

  const data = useMemo(() => {
    const options: ComboboxItem[] = (query.data?.items ?? []).map((customer) => ({
      value: customer.id,
      label: optionLabel(customer),
    }));
    if (selected && !options.some((option) => option.value === selected.value)) options.unshift(selected);
    return options;
  }, [query.data, selected]);

  return (
    <Select
      label={t("unitForm.customer")}
      placeholder={t("unitForm.customerPlaceholder")}
      required={required}
      searchable
      data={data}
      value={value || null}
      onChange={(next, option) => {
        setSelected(option);
        onChange(next ?? "");
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={query.isFetching ? t("common.loading") : t("unitForm.customerNothingFound")}
      rightSection={query.isFetching ? <Loader size="xs" aria-hidden /> : undefined}
      error={error}
      maxDropdownHeight={280}
    />
  );
}
