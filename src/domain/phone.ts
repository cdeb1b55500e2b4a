// Phone numbers for text messages (issue #15): stored as typed, sent in E.164 (+491711234567). A
// number written the German way (0171 123 45 67) is taken as the shop's country's; 00 is the
// international prefix. Anything that is not 8 to 15 digits after that is no number to text.
const countryCodes: Record<string, string> = { DE: "49", AT: "43", CH: "41", NL: "31", BE: "32", FR: "33" };

export function toE164(raw: string | null | undefined, country = "DE"): string | null {
  if (!raw) return null;
  const compact = raw.replace(/[\s\-/().]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  let digits: string;
  if (compact.startsWith("+")) digits = compact.slice(1);
  else if (compact.startsWith("00")) digits = compact.slice(2);
  else if (compact.startsWith("0")) {
    const code = countryCodes[country.toUpperCase()];
    if (!code) return null;
    digits = code + compact.slice(1);
  } else return null;
  if (digits.startsWith("0") || digits.length < 8 || digits.length > 15) return null;
  return `+${digits}`;
}
