import { Text } from "@mantine/core";

export function DateItem({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} className="pl-num">
        {value}
      </Text>
    </div>
  );
}
