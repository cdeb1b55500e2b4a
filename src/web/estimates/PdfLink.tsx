import { Anchor } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import type { ReactNode } from "react";

/** A plain link to a PDF, opened in a new tab (the browser shows or saves it). */
export function PdfLink({ href, label, children }: { href: string; label?: string; children: ReactNode }) {
  return (
    <Anchor
      href={href}
      target="_blank"
      rel="noopener"
      size="sm"
      aria-label={label}
      className="pl-no-print"
      display="inline-flex"
      style={{ gap: 4, alignItems: "center" }}
    >
      <IconDownload size={16} aria-hidden />
      {children}
    </Anchor>
  );
}
