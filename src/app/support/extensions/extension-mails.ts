// Mail around order extensions, in the customer's language.
import type { Language } from "../../../domain/customer";
import { formatMoney as money } from "../../../domain/locale-format";

export interface ExtensionMailFacts {
  workOrderNumber: string;
  unitLabel: string;
  customerName: string;
  shopName: string;
  items: { description: string; urgency: "attention" | "urgent"; gross: number }[];
  currency: string;
  note: string | null;
  url: string;
}

export function extensionReadyMail(language: Language, f: ExtensionMailFacts) {
  const de = language === "de";
  const lines = f.items
    .map(
      (i) =>
        `- ${i.description} (${i.urgency === "urgent" ? (de ? "dringend" : "urgent") : de ? "bald nötig" : "needs attention"}): ${money(i.gross, f.currency, language)}`,
    )
    .join("\n");
  if (de) {
    return {
      subject: `Zusätzliche Arbeiten an Ihrem ${f.unitLabel} – bitte entscheiden`,
      text:
        `Guten Tag ${f.customerName},\n\nbei der Prüfung Ihres ${f.unitLabel} (Auftrag ${f.workOrderNumber}) haben wir Folgendes gefunden:\n${lines}\n` +
        `${f.note ? `\n${f.note}\n` : ""}\nFotos und Details sehen Sie hier; geben Sie jede Position frei oder lehnen Sie sie ab:\n${f.url}\n\n${f.shopName}\n`,
    };
  }
  return {
    subject: `Additional work on your ${f.unitLabel} – please decide`,
    text:
      `Hello ${f.customerName},\n\nwhile inspecting your ${f.unitLabel} (work order ${f.workOrderNumber}) we found:\n${lines}\n` +
      `${f.note ? `\n${f.note}\n` : ""}\nSee the photos and details, and approve or decline each item here:\n${f.url}\n\n${f.shopName}\n`,
  };
}

export function extensionRecordedMail(
  language: Language,
  f: ExtensionMailFacts & { approved: string[]; declined: string[]; approvedBy: string; recordedBy: string },
) {
  const de = language === "de";
  const list = (xs: string[]) => (xs.length ? xs.map((x) => `- ${x}`).join("\n") : de ? "- keine" : "- none");
  if (de) {
    return {
      subject: `Bestätigung Ihrer telefonischen Entscheidung zu Auftrag ${f.workOrderNumber}`,
      text:
        `Guten Tag ${f.customerName},\n\nwie am Telefon mit ${f.recordedBy} besprochen (${f.approvedBy}):\n\nFreigegeben:\n${list(f.approved)}\n\nAbgelehnt:\n${list(f.declined)}\n\n` +
        `Falls etwas nicht stimmt, melden Sie sich bitte umgehend.\n\n${f.shopName}\n`,
    };
  }
  return {
    subject: `Confirming your decision by phone on work order ${f.workOrderNumber}`,
    text:
      `Hello ${f.customerName},\n\nas agreed by phone with ${f.recordedBy} (${f.approvedBy}):\n\nApproved:\n${list(f.approved)}\n\nDeclined:\n${list(f.declined)}\n\n` +
      `If anything is wrong, please tell us straight away.\n\n${f.shopName}\n`,
  };
}
