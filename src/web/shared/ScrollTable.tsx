import { Table } from "@mantine/core";
import { type ReactNode, useEffect, useRef, useState } from "react";

interface ScrollTableProps {
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** Names the scroll region for screen readers (usually the table's caption). */
  label: string;
  children: ReactNode;
}

/**
 * Horizontally scrollable table container. When the table really overflows, the container becomes
 * keyboard-focusable so it can be scrolled without a mouse (WCAG 2.1.1, axe "scrollable-region-focusable").
 */
export function ScrollTable({ minWidth, label, children }: ScrollTableProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflowing, setOverflowing] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOverflowing(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <Table.ScrollContainer
      ref={ref}
      type="native"
      minWidth={minWidth}
      role="region"
      aria-label={label}
      tabIndex={overflowing ? 0 : undefined}
      className="pl-scroll-region"
    >
      {children}
    </Table.ScrollContainer>
  );
}
