// Resend, from the Outbox: the customer gets a mail that carried their link again, with a fresh link,
// and the staff member who asked never sees it (the Outbox masks every link token). A payment mail is
// the invoice sent again — a new payment link replaces the old and the PDF's QR code with it; a
// booking, estimate or extension mail is the same mail with its token swapped for a new link to the
// same record, valid for as long as a first mail's link.
import type { Db } from "../../db/client";
import { findMail } from "../../db/queries/outbox";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { customerLinkState, mailedTokensIn, resendPermission, resendRefusal } from "../../domain/link-tokens";
import { can } from "../../domain/permissions";
import type { NotifyContext } from "../bookings/notify-booking";
import { sendInvoice } from "../payments/send-invoice";
import { recordAudit } from "../support/audit";
import { hashToken } from "../support/auth/tokens";
import { issueCustomerLink } from "../support/links/customer-links";
import { queueMail } from "../support/queue-mail";

export async function resendMail(
  db: Db,
  ctx: NotifyContext,
  actor: StaffActor,
  mailId: string,
): Promise<{ id: string; to: string }> {
  const mail = await findMail(db, actor, mailId);
  if (!mail) throw notFound("Email");
  const { link } = mail;
  if (mail.channel === "sms") {
    throw new DomainError(
      "conflict",
      "A text message is not resent from the Outbox: send the invoice again.",
    );
  }
  if (!link) {
    throw new DomainError("conflict", "This email carries no customer link: there is nothing to resend.");
  }
  if (!can(actor.role, resendPermission[link.purpose])) {
    throw new DomainError(
      "forbidden",
      "Your role does not allow sending this document. Ask your shop admin.",
    );
  }
  const refusal = resendRefusal(customerLinkState(link));
  if (refusal) throw new DomainError("conflict", refusal);

  if (link.purpose === "invoice-payment") {
    const sent = await sendInvoice(db, ctx, actor, link.subjectId, { to: mail.to });
    return { id: sent.mailId, to: sent.to };
  }
  const token = mailedTokensIn(mail.text).find((t) => hashToken(t) === link.tokenHash);
  if (!token) throw new DomainError("conflict", "This email's link cannot be found in its text.");
  return db.transaction(async (tx) => {
    const fresh = await issueCustomerLink(
      tx,
      {
        organisationId: actor.organisationId,
        locationId: actor.locationId,
        customerId: link.customerId,
        purpose: link.purpose,
        subjectId: link.subjectId,
      },
      ctx.linkTtlDays,
    );
    const swap = (s: string) => s.replaceAll(token, fresh);
    const id = await queueMail(tx, ctx.queue, {
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      to: mail.to,
      subject: swap(mail.subject),
      text: swap(mail.text),
      html: mail.html === null ? null : swap(mail.html),
      attachments: mail.attachments ?? undefined,
    });
    await recordAudit(tx, actor, {
      entityType: "mail",
      entityId: id,
      action: "resend",
      data: { resentFrom: mail.id, purpose: link.purpose, subjectId: link.subjectId, to: mail.to },
    });
    return { id, to: mail.to };
  });
}
