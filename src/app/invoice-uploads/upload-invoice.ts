// Upload invoice (issue #17): the document is stored as it came and a job reads it after commit, so
// a large or difficult PDF never holds up the request (nor a request the server).
import { createHash } from "node:crypto";
import type { Db } from "../../db/client";
import { invoiceUploads } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { newId } from "../../domain/ids";
import { recordAudit } from "../support/audit";
import type { JobQueue } from "../support/jobs";

export async function uploadInvoice(
  db: Db,
  queue: JobQueue,
  actor: StaffActor,
  file: { content: Buffer; fileName: string; mediaType: string },
) {
  const id = newId("invoiceUpload");
  const fileName = file.fileName.replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 200) || "invoice";
  await db.transaction(async (tx) => {
    await tx.insert(invoiceUploads).values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      status: "reading",
      fileName,
      mediaType: file.mediaType.slice(0, 100) || "application/octet-stream",
      sha256: createHash("sha256").update(file.content).digest("hex"),
      size: file.content.length,
      content: file.content,
      createdById: actor.id,
    });
    await recordAudit(tx, actor, {
      entityType: "invoice_upload",
      entityId: id,
      action: "upload",
      toStatus: "reading",
      data: { fileName, size: file.content.length },
    });
    await queue.enqueue(tx, "invoice-uploads.read", { uploadId: id });
  });
  return id;
}
