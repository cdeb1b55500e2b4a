// What the bell (and its mail) says, in the reader's language. A notification is stored as its kind
// and the facts it names (order number, who, counts), not as a finished sentence: the advisor who
// reads German sees German, the one who reads English sees English, whatever language the person
// who acted used. Both the server (the mail) and the shop app (the bell) render from this one table.
import type { Language } from "./customer";
import { defaultText } from "./inspection";

export type NoticeParams = Record<string, string | number | boolean | string[]>;

export interface NoticeText {
  title: string;
  body: string | null;
}

const str = (v: NoticeParams[string] | undefined) => (Array.isArray(v) ? v.join(", ") : String(v ?? ""));

/** Item labels of the default checklist are ours: each reader gets them in their language. */
const labels = (v: NoticeParams[string] | undefined, language: Language) =>
  (Array.isArray(v) ? v : [str(v)]).map((label) => defaultText(label, language)).join(", ");

type Render = (p: NoticeParams, language: Language) => NoticeText;

const texts: Record<Language, Record<string, Render>> = {
  en: {
    "photo-rejected": (p) => ({
      title: `${str(p.number)}: please retake a photo`,
      body: `${str(p.by)}: ${str(p.note)}`,
    }),
    "inspection-complete": (p) => ({
      title: `${str(p.number)}: inspection complete`,
      body: `${str(p.unit)}: ${str(p.urgent)} urgent, ${str(p.attention)} to watch, checked by ${str(p.by)}.`,
    }),
    "parts-needed": (p) => ({
      title: `${str(p.number)}: parts needed`,
      body: `${str(p.unit)}: ${labels(p.items, "en")}.`,
    }),
    "extension-decided": (p) => ({
      title: `${str(p.number)}: ${str(p.customer)} decided the extension`,
      body: `${str(p.approved)} approved, ${str(p.declined)} declined.`,
    }),
    "invoice-paid": (p) => ({
      title: `${str(p.number)}: paid`,
      body: p.overpaid ? "More was paid than owed: please check." : null,
    }),
  },
  de: {
    "photo-rejected": (p) => ({
      title: `${str(p.number)}: Bitte ein Foto neu aufnehmen`,
      body: `${str(p.by)}: ${str(p.note)}`,
    }),
    "inspection-complete": (p) => ({
      title: `${str(p.number)}: Fahrzeugprüfung abgeschlossen`,
      body: `${str(p.unit)}: ${str(p.urgent)} dringend, ${str(p.attention)} beobachten, geprüft von ${str(p.by)}.`,
    }),
    "parts-needed": (p) => ({
      title: `${str(p.number)}: Teile benötigt`,
      body: `${str(p.unit)}: ${labels(p.items, "de")}.`,
    }),
    "extension-decided": (p) => ({
      title: `${str(p.number)}: ${str(p.customer)} hat über die Auftragserweiterung entschieden`,
      body: `${str(p.approved)} freigegeben, ${str(p.declined)} abgelehnt.`,
    }),
    "invoice-paid": (p) => ({
      title: `${str(p.number)}: bezahlt`,
      body: p.overpaid ? "Es wurde mehr gezahlt als geschuldet: bitte prüfen." : null,
    }),
  },
};

/** The notice in a language; null for a kind this version does not know (the stored text is shown then). */
export function noticeText(kind: string, params: NoticeParams, language: Language): NoticeText | null {
  const render = texts[language][kind];
  return render ? render(params, language) : null;
}

export const noticeKinds = Object.keys(texts.en);
