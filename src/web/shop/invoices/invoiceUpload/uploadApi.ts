// Upload invoice (POST/GET /api/v1/invoice-uploads…): the upload, the list, one upload (polled while
// the job reads it) and Create invoice case.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api";
import type { ListResponse } from "../../../types";

export type UploadStatus = "reading" | "ready" | "unreadable" | "created";
export type UploadReason =
  | "no_e_invoice"
  | "damaged"
  | "encrypted"
  | "too_many_pages"
  | "too_large"
  | "not_an_invoice";
export type UploadSourceKind = "xml" | "pdf_e_invoice" | "pdf" | "image" | "other";

export interface UploadParty {
  name: string;
  vatId: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  email: string | null;
}

export interface UploadLine {
  name: string;
  quantity: string;
  unitCode?: string | null;
  price: string;
  net: number;
  taxCategory?: string | null;
  taxRateBp?: number | null;
}

export interface UploadedEInvoice {
  syntax: string;
  typeCode: string;
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  buyerReference: string | null;
  orderReference: string | null;
  seller: UploadParty;
  buyer: UploadParty;
  lines: UploadLine[];
  vat: { category: string; rateBp: number | null; taxable: number; tax: number }[];
  totals: { lineTotal: number; taxExclusive: number; tax: number; taxInclusive: number; payable: number };
}

export interface UploadMatches {
  sellerMismatch: boolean;
  customerId: string | null;
  customerMatchedBy: "vat_id" | "email" | "name_postal_code" | null;
  createCustomer: UploadParty | null;
  vin: string | null;
  plate: string | null;
  unitId: string | null;
  duplicateOf: string | null;
  duplicateUploads: string[];
  totalsMismatch: string[];
}

export interface InvoiceUpload {
  id: string;
  status: UploadStatus;
  sourceKind: UploadSourceKind | null;
  fileName: string;
  mediaType: string;
  size: number;
  documentNumber: string | null;
  customerId: string | null;
  reason: UploadReason | null;
  message: string | null;
  invoiceId: string | null;
  extraction: { embeddedFile: string | null; eInvoice: UploadedEInvoice; matches: UploadMatches } | null;
  readAt: string | null;
  createdAt: string;
}

export interface InvoiceUploadRow {
  id: string;
  status: UploadStatus;
  sourceKind: UploadSourceKind | null;
  fileName: string;
  documentNumber: string | null;
  buyerName: string | null;
  gross: number | null;
  currency: string | null;
  reason: UploadReason | null;
  invoiceId: string | null;
  createdAt: string;
}

export interface CreateFromUpload {
  customerId?: string;
  createCustomer?: true;
  number?: string;
}

export const uploadKeys = {
  all: ["invoice-uploads"] as const,
  list: () => ["invoice-uploads", "list"] as const,
  one: (id: string) => ["invoice-uploads", "one", id] as const,
};

export const documentUrl = (id: string) => `/api/v1/invoice-uploads/${encodeURIComponent(id)}/document`;

export function useInvoiceUploads() {
  return useQuery({
    queryKey: uploadKeys.list(),
    queryFn: ({ signal }) =>
      api.get<ListResponse<InvoiceUploadRow>>("/api/v1/invoice-uploads", { limit: 25, offset: 0 }, signal),
    placeholderData: keepPreviousData,
    // A row still being read turns ready by itself.
    refetchInterval: (query) => (query.state.data?.items.some((i) => i.status === "reading") ? 2000 : false),
  });
}

/** One upload; asked again every second while the job is still reading it. */
export function useInvoiceUpload(id: string) {
  return useQuery({
    queryKey: uploadKeys.one(id),
    queryFn: ({ signal }) =>
      api.get<InvoiceUpload>(`/api/v1/invoice-uploads/${encodeURIComponent(id)}`, undefined, signal),
    refetchInterval: (query) => (query.state.data?.status === "reading" ? 1000 : false),
  });
}

export function useUploadInvoice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.upload<InvoiceUpload>("/api/v1/invoice-uploads", "file", file),
    onSuccess: (upload) => {
      client.setQueryData(uploadKeys.one(upload.id), upload);
      void client.invalidateQueries({ queryKey: uploadKeys.list() });
    },
  });
}

export function useCreateFromUpload(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateFromUpload) =>
      api.post<{ invoiceId: string; number: string; upload: InvoiceUpload }>(
        `/api/v1/invoice-uploads/${encodeURIComponent(id)}/create`,
        body,
      ),
    onSuccess: (created) => {
      client.setQueryData(uploadKeys.one(id), created.upload);
      void client.invalidateQueries({ queryKey: uploadKeys.list() });
      void client.invalidateQueries({ queryKey: ["invoices"] });
      void client.invalidateQueries({ queryKey: ["customers"] });
    },
  });
}
