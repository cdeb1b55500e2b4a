// Who did something, as histories and timelines show it. A person is named as they are; an API key
// (the shop's DMS acting over the API) is never shown as if it were a person: "via API key WERBAS
// Filiale Mitte". The server sends the actor's kind beside the name (`byKind`).
import { useTranslation } from "react-i18next";

export type ActorKind = "staff" | "portal" | "link" | "system" | "api_key";

export function useActorName() {
  const { t } = useTranslation();
  return {
    /** Standing on its own ("Clock on · via API key WERBAS Filiale Mitte"). */
    name: (by: string, kind: ActorKind | string | undefined) =>
      kind === "api_key" ? t("integrations.viaApiKey", { name: by }) : by,
    /** Inside a sentence that says "by …" itself ("Dispute acknowledged by API key WERBAS …"). */
    agent: (by: string, kind: ActorKind | string | undefined) =>
      kind === "api_key" ? t("integrations.apiKeyNamed", { name: by }) : by,
  };
}
