// The job queue as the app sees it. Jobs are enqueued inside the command's transaction (pg-boss
// writes its row through the same handle), so a job exists exactly when the change it follows was
// committed: this is the outbox.
import type { DbOrTx } from "../../db/client";

export const jobNames = {
  sendMail: "mail.send",
  purgeSessions: "sessions.purge",
  compactListCounts: "list-counts.compact",
  sweepWebhooks: "webhooks.sweep",
  recordOverdue: "invoices.overdue",
  readInvoiceUpload: "invoice-uploads.read",
} as const;

export interface JobPayloads {
  "mail.send": { messageId: string };
  "sms.send": { messageId: string };
  "sessions.purge": Record<string, never>;
  "list-counts.compact": Record<string, never>;
  "webhooks.sweep": Record<string, never>;
  "invoices.overdue": Record<string, never>;
  "dunning.run": Record<string, never>;
  /** Upload invoice (issue #17): read the uploaded document. */
  "invoice-uploads.read": { uploadId: string };
}

export interface JobQueue {
  enqueue<N extends keyof JobPayloads>(tx: DbOrTx, name: N, data: JobPayloads[N]): Promise<void>;
}
