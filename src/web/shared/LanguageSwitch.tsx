import { SegmentedControl } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { isLanguage, rememberLanguage } from "../i18n";
import type { Language, Session, SessionUser } from "../types";
import { sessionKey, useSession } from "./session";

const OPTIONS = [
  { value: "en", label: <span lang="en">EN</span> },
  { value: "de", label: <span lang="de">DE</span> },
];

/** EN/DE switch. Remembered in localStorage and, when signed in, on the account. */
export function LanguageSwitch({ onChange }: { onChange?: (language: Language) => void } = {}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  // Saved on the account when signed in; the switch itself never asks for the session (the sign-in
  // and link pages show it to people who have none).
  const { data: session } = useSession({ enabled: false });
  const value = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";

  const change = (next: string) => {
    if (!isLanguage(next) || next === value) return;
    const language: Language = next;
    rememberLanguage(language);
    void i18n.changeLanguage(language);
    onChange?.(language);
    if (session) {
      api
        .patch<{ user: SessionUser }>("/api/v1/auth/me", { language })
        .then((response) => {
          queryClient.setQueryData<Session | null>(sessionKey, (current) =>
            current ? { ...current, user: { ...current.user, ...response?.user, language } } : current,
          );
        })
        .catch(() => {
          // The switch still works on this device; the account keeps its old language.
        });
    }
  };

  return (
    <SegmentedControl
      aria-label={t("common.language")}
      size="xs"
      data={OPTIONS}
      value={value}
      onChange={change}
    />
  );
}
