// A real SMTP server on 127.0.0.1 that keeps what it receives, for tests of outgoing mail. It can
// hold its answer to the end of a message (hold/release), as a slow relay does: a message counts as
// received only once the server answered it, and one whose client went away before that (a sender
// killed mid-send) was never delivered, as SMTP has it.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  let holding = false;
  const held: { sessionId: string; mail: ReceivedMail; answer: () => void }[] = [];
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        };
        const answer = () => {
          received.push(mail);
          callback();
        };
        if (holding) held.push({ sessionId: session.id, mail, answer });
        else answer();
      });
    },
    onClose(session) {
      closed.add(session.id);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Messages arriving from now on wait for release() before they are answered. */
    hold() {
      holding = true;
    },
    /** How many messages wait for an answer, and how many of their clients went away meanwhile. */
    held: () => ({ waiting: held.length, gone: held.filter((h) => closed.has(h.sessionId)).length }),
    /** Answers the held messages whose client is still there; the others were never delivered. */
    release() {
      holding = false;
      for (const h of held.splice(0)) if (!closed.has(h.sessionId)) h.answer();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
