// Vehicle identification numbers (ISO 3779). Since 1981 a VIN has 17 characters without I, O and Q.
// North American VINs (first character 1–5) carry a check digit in position 9 that catches most typos;
// European and other VINs do not, so the check digit is enforced only where it is mandatory.

export type VinResult = { ok: true; vin: string } | { ok: false; message: string };

const transliteration: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export function normaliseVin(input: string): string {
  return input.replace(/[\s-]/g, "").toUpperCase();
}

export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i] ?? "0";
    const value = /[0-9]/.test(c) ? Number(c) : (transliteration[c] ?? 0);
    sum += value * (weights[i] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? "X" : String(remainder);
}

export function validateVin(input: string, modelYear?: number | null): VinResult {
  const vin = normaliseVin(input);
  // Vehicles built before 1981 have shorter, maker-specific identification numbers.
  if (modelYear != null && modelYear < 1981) {
    return /^[A-Z0-9]{5,17}$/.test(vin)
      ? { ok: true, vin }
      : { ok: false, message: "A VIN before 1981 has 5 to 17 letters and digits." };
  }
  if (vin.length !== 17)
    return { ok: false, message: `A VIN has 17 characters; this one has ${vin.length}.` };
  if (/[IOQ]/.test(vin)) return { ok: false, message: "A VIN never contains the letters I, O or Q." };
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return { ok: false, message: "A VIN has only letters and digits." };
  if (/^[1-5]/.test(vin) && vin[8] !== vinCheckDigit(vin)) {
    return { ok: false, message: "The check digit (9th character) does not match: please check for a typo." };
  }
  return { ok: true, vin };
}
