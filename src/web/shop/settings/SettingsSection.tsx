import { Paper, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * One section of the settings page: its title, a line on what it sets, and the form or list. With
 * a title id it is a section landmark named by its title.
 */
export function SettingsSection({
  title,
  hint,
  titleId,
  children,
}: {
  title: ReactNode;
  hint: ReactNode;
  titleId?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="lg" component={titleId ? "section" : "div"} aria-labelledby={titleId}>
      <Title order={2} mb={4} id={titleId}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {hint}
      </Text>
      {children}
    </Paper>
  );
}
