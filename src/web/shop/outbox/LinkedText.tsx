import { Anchor } from "@mantine/core";

// http(s) addresses in a mail's text; a trailing full stop, comma or bracket ends the sentence.
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'\u00bb\u201c\u201d]/g;
const MASK = "•";

/**
 * The text with its web addresses as links. A masked customer link (…/e/••••••) stays text: it is
 * no address anyone can open, and linking it would only lead to a dead page.
 */
export function LinkedText({ text, maskedLabel }: { text: string; maskedLabel: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0];
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(
      url.includes(MASK) ? (
        <span key={at} title={maskedLabel}>
          {url}
        </span>
      ) : (
        <Anchor key={at} href={url} target="_blank" rel="noopener noreferrer" inherit>
          {url}
        </Anchor>
      ),
    );
    last = at + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
