// Mail around estimates, in the reader's language: the customer hears when a version is ready and
// what was recorded on their behalf; the shop hears the customer's decisions.
import type { Language } from "../../../domain/customer";
import { formatMoney as money } from "../../../domain/locale-format";

export interface EstimateMailFacts {
  number: string;
  versionNo: number;
  unitLabel: string;
  customerName: string;
  shopName: string;
  gross: number;
  currency: string;
  note: string | null;
  url: string;
}

export function estimateReadyMail(language: Language, f: EstimateMailFacts) {
  const total = money(f.gross, f.currency, language);
  if (language === "de") {
    return {
      subject: `Kostenvoranschlag ${f.number} für Ihren ${f.unitLabel}`,
      text:
        `Guten Tag ${f.customerName},\n\nder Kostenvoranschlag ${f.number} (Version ${f.versionNo}) für Ihren ${f.unitLabel} liegt bereit: ${total} brutto.\n` +
        `${f.note ? `\nAnmerkung der Werkstatt: ${f.note}\n` : ""}\nBitte prüfen Sie ihn und geben Sie die Arbeiten frei, lehnen Sie ab oder beanstanden Sie einzelne Positionen:\n${f.url}\n\n${f.shopName}\n`,
    };
  }
  return {
    subject: `Estimate ${f.number} for your ${f.unitLabel}`,
    text:
      `Hello ${f.customerName},\n\nestimate ${f.number} (version ${f.versionNo}) for your ${f.unitLabel} is ready: ${total} gross.\n` +
      `${f.note ? `\nNote from the shop: ${f.note}\n` : ""}\nPlease review it and approve the work, decline, or dispute single lines:\n${f.url}\n\n${f.shopName}\n`,
  };
}

/** A line of a decision: its description, or a disputed line with the customer's note. */
export type DecisionLine = string | { description: string; note: string; withPart?: true };

export function decisionForShopMail(
  language: Language,
  f: EstimateMailFacts & { decision: "approve" | "decline" | "dispute"; lines: DecisionLine[] },
) {
  const de = language === "de";
  const line = (l: DecisionLine) =>
    typeof l === "string"
      ? l
      : `${l.description}: ${l.withPart ? (de ? "zusammen mit seinem Teil beanstandet" : "disputed with its part") : l.note}`;
  const what = {
    approve: de ? "freigegeben" : "approved",
    decline: de ? "abgelehnt" : "declined",
    dispute: de ? "beanstandet" : "disputed",
  }[f.decision];
  return {
    subject: `${f.number}: ${f.customerName} ${de ? "hat" : "has"} ${what}`,
    text: `${f.number} (${f.unitLabel}), ${de ? "Version" : "version"} ${f.versionNo}: ${what}.\n${f.lines.map((l) => `- ${line(l)}`).join("\n")}\n${f.note ? `\n${f.note}\n` : ""}\n${f.url}\n`,
  };
}

export function recordedOnBehalfMail(
  language: Language,
  f: EstimateMailFacts & {
    decision: "approve" | "decline";
    lines: string[];
    recordedBy: string;
    approvedBy: string;
  },
) {
  const total = money(f.gross, f.currency, language);
  if (language === "de") {
    return {
      subject: `Bestätigung Ihrer telefonischen ${f.decision === "approve" ? "Freigabe" : "Ablehnung"}: ${f.number}`,
      text:
        `Guten Tag ${f.customerName},\n\n${f.recordedBy} hat am Telefon folgende Entscheidung von ${f.approvedBy} zum Kostenvoranschlag ${f.number} (Version ${f.versionNo}, ${f.unitLabel}, gesamt ${total}) festgehalten:\n` +
        `${f.decision === "approve" ? "Freigegeben" : "Abgelehnt"}:\n${f.lines.map((l) => `- ${l}`).join("\n")}\n\nStimmt etwas nicht, melden Sie sich bitte sofort. Details: ${f.url}\n\n${f.shopName}\n`,
    };
  }
  return {
    subject: `Confirming your ${f.decision === "approve" ? "approval" : "decision"} by phone: ${f.number}`,
    text:
      `Hello ${f.customerName},\n\n${f.recordedBy} recorded this decision by ${f.approvedBy}, given by phone, on estimate ${f.number} (version ${f.versionNo}, ${f.unitLabel}, total ${total}):\n` +
      `${f.decision === "approve" ? "Approved" : "Declined"}:\n${f.lines.map((l) => `- ${l}`).join("\n")}\n\nIf anything is wrong, tell us at once. Details: ${f.url}\n\n${f.shopName}\n`,
  };
}
