// Built in issue #15; replaced by the tab's own screen.
export function BankStatementsTab() {
  return null;
}
