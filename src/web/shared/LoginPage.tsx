import {
  Alert,
  Anchor,
  Box,
  Button,
  Container,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { isApiError } from "../api";
import type { Audience, Language } from "../types";
import { applyServerErrors, isEmail } from "./forms";
import { LanguageSwitch } from "./LanguageSwitch";
import { PasswordField } from "./PasswordField";
import { useAfterFirstPaint, useDocumentTitle } from "./page";
import { audienceOf, homePath, login, useSession } from "./session";

function redirectTarget(state: unknown, audience: Audience): string {
  const home = homePath(audience);
  if (state && typeof state === "object" && "from" in state && typeof state.from === "string") {
    if (state.from === home || state.from.startsWith(`${home}/`)) return state.from;
  }
  return home;
}

export function LoginPage({ audience }: { audience: Audience }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  // The form shows at once and the session check follows once it has painted: nearly everyone who
  // opens this page is signed out, and one who is not is sent on as soon as the check answers.
  const painted = useAfterFirstPaint();
  const { data: session } = useSession({ enabled: painted });
  const [error, setError] = useState<string | null>(null);
  // A language picked here becomes the account's (sent with the sign-in); without a pick the account
  // keeps its own, whatever this browser showed.
  const [picked, setPicked] = useState<Language | undefined>(undefined);
  const title = audience === "portal" ? t("login.portalTitle") : t("login.shopTitle");
  useDocumentTitle(title);

  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (value) =>
        !value.trim() ? t("errors.required") : isEmail(value) ? null : t("errors.emailInvalid"),
      password: (value) => (value ? null : t("errors.required")),
    },
  });

  if (session && audienceOf(session.user) === audience) {
    return <Navigate to={redirectTarget(location.state, audience)} replace />;
  }

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await login(queryClient, {
        email: values.email.trim(),
        password: values.password,
        audience,
        language: picked,
      });
      navigate(redirectTarget(location.state, audience), { replace: true });
    } catch (caught) {
      form.setFieldValue("password", "");
      if (isApiError(caught) && caught.status === 401) setError(t("login.wrongCredentials"));
      else if (isApiError(caught) && caught.status === 429) setError(caught.detail || t("login.rateLimited"));
      else setError(applyServerErrors(form, caught));
    }
  });

  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" px="md" py="sm">
        <Group justify="space-between">
          <Text fw={800} size="lg" c="blue.9">
            {t("common.appName")}
          </Text>
          <LanguageSwitch onChange={setPicked} />
        </Group>
      </Box>
      <Container component="main" size={420} py="xl">
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack gap="xs" mb="lg">
            <Title order={1}>{title}</Title>
            <Text c="dimmed" size="sm">
              {audience === "portal" ? t("login.portalSubtitle") : t("login.shopSubtitle")}
            </Text>
          </Stack>
          <form onSubmit={submit} noValidate>
            <Stack>
              {error ? (
                <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
                  {error}
                </Alert>
              ) : null}
              <TextInput
                label={t("login.email")}
                type="email"
                autoComplete="username"
                required
                {...form.getInputProps("email")}
              />
              <PasswordField
                label={t("login.password")}
                autoComplete="current-password"
                required
                {...form.getInputProps("password")}
              />
              <Button type="submit" fullWidth loading={form.submitting} mt="xs">
                {t("login.signIn")}
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text ta="center" size="sm" mt="md">
          <Anchor component={Link} to={audience === "portal" ? "/login" : "/portal/login"}>
            {audience === "portal" ? t("login.toShop") : t("login.toPortal")}
          </Anchor>
        </Text>
      </Container>
    </Box>
  );
}
