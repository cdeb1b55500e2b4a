import { PasswordInput, type PasswordInputProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

/**
 * PasswordInput whose visibility toggle is named without the word "password",
 * so the input is the only thing labelled "Password".
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ "aria-label": t("login.togglePasswordVisibility") }}
      {...props}
    />
  );
}
