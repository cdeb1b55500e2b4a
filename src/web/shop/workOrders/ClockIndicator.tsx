// In the shop header, for those who clock: the job they are on, its work order and the time running,
// with Clock Off. Nothing while they are not clocked on.
import { Anchor, Button, Group, Text } from "@mantine/core";
import { IconClock, IconPlayerStop } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api";
import { useCan } from "../../shared/session";
import { type RunningClock, useClock, type WorkOrder } from "./workOrderApi";
import { elapsedSince, notifyFailure, useApplyWorkOrder } from "./workOrderUi";

export function ClockIndicator() {
  const canClock = useCan("time:clock");
  const query = useClock(canClock);
  const running = query.data?.running ?? null;
  if (!canClock || !running) return null;
  return <Running running={running} />;
}

function Running({ running }: { running: RunningClock }) {
  const { t } = useTranslation();
  const apply = useApplyWorkOrder();
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, []);

  const clockOff = async () => {
    setBusy(true);
    try {
      apply(await api.post<WorkOrder>("/api/v1/clock-off"));
    } catch (error) {
      notifyFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const elapsed = elapsedSince(running.since, now);
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      role="group"
      aria-label={t("workOrders.clockGroup")}
      px="xs"
      py={4}
      bg="green.0"
      bdrs="md"
      style={{ minWidth: 0, border: "1px solid var(--mantine-color-green-3)" }}
    >
      <IconClock size={18} aria-hidden color="var(--mantine-color-green-9)" style={{ flexShrink: 0 }} />
      <Text
        size="sm"
        fw={700}
        truncate="end"
        title={running.job}
        style={{ minWidth: 0 }}
        maw={{ sm: 140, lg: 280 }}
        // On a phone the header has no room for the job: the clock, the time and Clock Off remain.
        visibleFrom="sm"
      >
        {t("workOrders.clockOnLabel", { job: running.job })}
      </Text>
      <Anchor
        component={Link}
        to={`/shop/work-orders/${running.workOrderId}`}
        size="sm"
        className="pl-num"
        visibleFrom="sm"
        style={{ whiteSpace: "nowrap" }}
      >
        {running.workOrderNumber}
      </Anchor>
      <Text size="sm" className="pl-num" style={{ whiteSpace: "nowrap" }}>
        {t("workOrders.running", { elapsed })}
      </Text>
      <Button
        color="red.9"
        size="xs"
        h={44}
        leftSection={<IconPlayerStop size={16} aria-hidden />}
        loading={busy}
        onClick={() => void clockOff()}
        aria-label={t("workOrders.clockOff")}
      >
        <Text span size="xs" fw={600} visibleFrom="sm" inherit>
          {t("workOrders.clockOff")}
        </Text>
      </Button>
    </Group>
  );
}
