// The mail port. With SMTP_URL set, messages go out through nodemailer's SMTP transport; without it
// they are kept in the database and read in the dashboard's Outbox, so a shop can try Pitlane
// without a mail server and no message is ever silently dropped.
import nodemailer from "nodemailer";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: { filename: string; contentType: string; contentBase64: string }[] | null;
}

export interface Mailer {
  /** "sent" when an SMTP server accepted it, "stored" when it is only kept in the Outbox. */
  send(mail: OutgoingMail): Promise<"sent" | "stored">;
  close(): void;
}

export function createMailer(smtpUrl: string | undefined): Mailer {
  if (!smtpUrl) return { send: async () => "stored", close() {} };
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({
        ...mail,
        html: mail.html ?? undefined,
        attachments: mail.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.contentBase64,
          encoding: "base64",
        })),
      });
      return "sent";
    },
    close: () => transport.close(),
  };
}
