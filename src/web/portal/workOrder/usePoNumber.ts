// The PO number as the customer types it, saved on its own or sent along with Authorize, and what
// the server said about either.
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";
import { emptyToNull, normaliseField } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { errorMessage } from "../../shared/ui";
import {
  authorizeInvoice,
  type PortalWorkOrder,
  portalWorkOrderKeys,
  savePoNumber,
} from "../portalWorkOrderApi";

const PO_MAX = 60;

export function usePoNumber(order: PortalWorkOrder) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();

  // The PO number as typed; follows the server's value while the field holds no unsaved edit.
  const [po, setPo] = useState(order.poNumber ?? "");
  const [poError, setPoError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const serverPo = useRef(order.poNumber ?? "");
  useEffect(() => {
    const next = order.poNumber ?? "";
    setPo((current) => (current === serverPo.current ? next : current));
    serverPo.current = next;
  }, [order.poNumber]);
  const poInputRef = useRef<HTMLInputElement>(null);
  const dirty = po.trim() !== (order.poNumber ?? "");

  const applied = (next: PortalWorkOrder) => {
    queryClient.setQueryData(portalWorkOrderKeys.detail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: [...portalWorkOrderKeys.all, "list"] });
  };

  /** Handles what the server said about a PO save or an authorisation; true when shown in place. */
  const handleError = (error: unknown): boolean => {
    if (isApiError(error) && error.status === 409) {
      setConflict(t("portalWorkOrders.stale"));
      return true;
    }
    const field = isApiError(error)
      ? error.fieldErrors.find((e) => normaliseField(e.field) === "poNumber")
      : undefined;
    if (field) {
      setPoError(field.message);
      requestAnimationFrame(() => poInputRef.current?.focus());
      return true;
    }
    return false;
  };

  const validPo = (): boolean => {
    if (po.trim().length > PO_MAX) {
      setPoError(t("portalWorkOrders.poTooLong"));
      poInputRef.current?.focus();
      return false;
    }
    setPoError(null);
    return true;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!validPo()) return;
    setSaving(true);
    try {
      const next = await savePoNumber(order.id, emptyToNull(po));
      applied(next);
      setPo(next.poNumber ?? "");
      notifySuccess(t("portalWorkOrders.poSaved"));
    } catch (error) {
      if (!handleError(error)) setFormError(errorMessage(error, t("errors.saveFailed")));
    } finally {
      setSaving(false);
    }
  };

  /** Authorize with the PO number as typed. */
  const authorize = async () => {
    const next = await authorizeInvoice(order.id, emptyToNull(po));
    applied(next);
    setPo(next.poNumber ?? "");
    notifySuccess(t("portalWorkOrders.authorized"));
  };

  const change = (value: string) => {
    setPo(value);
    setPoError(null);
  };

  return {
    po,
    change,
    poError,
    formError,
    setFormError,
    conflict,
    saving,
    poInputRef,
    dirty,
    handleError,
    validPo,
    save,
    authorize,
  };
}

export type PoNumberState = ReturnType<typeof usePoNumber>;
