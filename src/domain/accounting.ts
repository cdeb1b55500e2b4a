// The location's bookkeeping numbers for the DATEV booking export (issue #15): which accounts its
// revenue, receivables and money land on, as its tax adviser set them up (SKR03 or SKR04).

export interface AccountingSettings {
  /** The tax adviser's DATEV consultant number (Beraternummer, 1001–9999999). */
  consultantNumber: number;
  /** The client's number at the adviser (Mandantennummer, 1–99999). */
  clientNumber: number;
  /** Length of the general ledger accounts (Sachkontenlänge, 4–8). */
  accountLength: number;
  /** First day of the fiscal year, mm-dd (usually 01-01). */
  fiscalYearStart: string;
  /** The collective debtor account invoices are booked against, when a customer has none. */
  debtorAccount: string;
  /** Revenue accounts by VAT rate in percent ("19", "7", "0"). */
  revenueAccounts: Record<string, string>;
  /** Where transfers arrive (bank), the counter's cash, and the payment provider's clearing account. */
  bankAccount: string;
  cashAccount: string;
  clearingAccount: string;
}

/** SKR03's usual accounts: the starting point a shop's adviser corrects. */
export function defaultAccounting(): AccountingSettings {
  return {
    consultantNumber: 1001,
    clientNumber: 1,
    accountLength: 4,
    fiscalYearStart: "01-01",
    debtorAccount: "10000",
    revenueAccounts: { "19": "8400", "7": "8300", "0": "8120" },
    bankAccount: "1200",
    cashAccount: "1000",
    clearingAccount: "1360",
  };
}
