// Receivables: what customers owe the shop and how it is collected. One page with a tab per piece of
// the accountant's work, each tab in its own file and addressed by the URL (/shop/receivables/<tab>),
// so a link or a reload opens the same tab.
import { Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useParams } from "react-router";
import { PageHeader } from "../../shared/ui";
import { BankStatementsTab } from "./BankStatementsTab";
import { DunningTab } from "./DunningTab";
import { ExportsTab } from "./ExportsTab";
import { OpenItemsTab } from "./OpenItemsTab";

const tabs = ["open-items", "dunning", "bank-statements", "exports"] as const;
type Tab = (typeof tabs)[number];
const labels = {
  "open-items": "openItems",
  dunning: "dunning",
  "bank-statements": "bankStatements",
  exports: "exports",
} as const;

export function ReceivablesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab } = useParams();
  if (!tabs.includes(tab as Tab)) return <Navigate to="/shop/receivables/open-items" replace />;
  const current = tab as Tab;
  return (
    <>
      <PageHeader title={t("receivables.title")} documentTitle={t(`receivables.tabs.${labels[current]}`)} />
      <Tabs
        value={current}
        onChange={(next) => next && navigate(`/shop/receivables/${next}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {tabs.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {t(`receivables.tabs.${labels[key]}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="open-items">
          <OpenItemsTab />
        </Tabs.Panel>
        <Tabs.Panel value="dunning">
          <DunningTab />
        </Tabs.Panel>
        <Tabs.Panel value="bank-statements">
          <BankStatementsTab />
        </Tabs.Panel>
        <Tabs.Panel value="exports">
          <ExportsTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
