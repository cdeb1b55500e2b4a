import { Anchor, Container, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDocumentTitle } from "./page";

/** 404 inside a shell (`standalone` adds its own main landmark). */
export function NotFound({ home = "/", standalone = false }: { home?: string; standalone?: boolean }) {
  const { t } = useTranslation();
  useDocumentTitle(t("common.notFoundTitle"));
  const content = (
    <Stack gap="sm" py="xl">
      <Title order={1}>{t("common.notFoundTitle")}</Title>
      <Text>{t("common.notFoundBody")}</Text>
      <Anchor component={Link} to={home}>
        {t("common.goToStart")}
      </Anchor>
    </Stack>
  );
  return standalone ? (
    <Container component="main" size="sm">
      {content}
    </Container>
  ) : (
    content
  );
}
