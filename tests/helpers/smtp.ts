// A real SMTP server on loopback for tests: it records every envelope and message it accepts, and
// can misbehave the way real mail servers do: hang, drop the connection in the middle of the
// message, or answer with a transient (4xx) or permanent (5xx) refusal.
import type { Socket } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export type Received = {
  from: string;
  to: string[];
  raw: string;
  mail: ParsedMail;
  /**
   * False when the client had already closed the connection when the server accepted the message: its
   * deadline ended the send before the 250, so it never saw it and will send the mail again.
   */
  confirmed: boolean;
};

export type SmtpMode =
  /** Accept every message. */
  | { kind: "accept" }
  /** Answer the greeting and EHLO, then never answer MAIL FROM. */
  | { kind: "hang" }
  /** Drop the connection as soon as the message's first bytes arrive. */
  | { kind: "closeMidData" }
  /** Read the whole message, then refuse it with this reply. */
  | { kind: "refuse"; code: number; text: string };

export class TestSmtpServer {
  received: Received[] = [];
  port = 0;
  mode: SmtpMode = { kind: "accept" };
  /** Runs once a message has been read in full, before the server answers 250. */
  beforeAccept?: (raw: string) => Promise<void> | void;
  /** Parse every message with mailparser; without it only the Message-ID is read (fast, for many messages). */
  parse = true;
  /** Connections opened, and those that reached DATA. */
  connections = 0;
  dataStarted = 0;
  private sockets = new Set<Socket>();
  // Per client port of an open connection: whether the client has closed its side.
  private sessions = new Map<number, { closed: boolean }>();
  private server?: SMTPServer;

  // Start listening (on the same port as before after a stop)
  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      // Loopback has no reverse DNS name; looking it up only slows every connection.
      disableReverseLookup: true,
      // A hanging session must not hold up stop() for the default 30 s.
      closeTimeout: 200,
      onMailFrom: (_address, _session, callback) => {
        if (this.mode.kind !== "hang") callback();
      },
      onData: (stream, session, callback) => {
        this.dataStarted++;
        const mode = this.mode;
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => {
          if (mode.kind === "closeMidData") {
            for (const socket of this.sockets) if (socket.remotePort === session.remotePort) socket.destroy();
            return;
          }
          chunks.push(c);
        });
        stream.on("end", () => {
          if (mode.kind === "closeMidData") return;
          if (mode.kind === "refuse") {
            const error = Object.assign(new Error(mode.text), { responseCode: mode.code });
            return callback(error);
          }
          const raw = Buffer.concat(chunks).toString("utf8");
          Promise.resolve(this.beforeAccept?.(raw))
            .then(() => (this.parse ? simpleParser(raw) : headersOnly(raw)))
            .then(
              (mail) => {
                const entry: Received = {
                  from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
                  to: session.envelope.rcptTo.map((r) => r.address),
                  raw,
                  mail,
                  confirmed: true,
                };
                const open = this.sessions.get(session.remotePort);
                entry.confirmed = !!open && !open.closed;
                this.received.push(entry);
                callback();
              },
              (error: Error) => callback(error),
            );
        });
      },
    });
    server.server.on("connection", (socket: Socket) => {
      this.connections++;
      this.sockets.add(socket);
      const port = socket.remotePort ?? 0;
      const state = { closed: false };
      this.sessions.set(port, state);
      socket.once("end", () => (state.closed = true));
      socket.once("close", () => {
        state.closed = true;
        this.sockets.delete(socket);
        this.sessions.delete(port);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    const address = server.server.address();
    if (address && typeof address === "object") this.port = address.port;
    this.server = server;
  }

  /** Connections still open. */
  get openConnections(): number {
    return this.sockets.size;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }
}

// The Message-ID of a raw message, in the shape of a parsed mail
function headersOnly(raw: string): ParsedMail {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, " ");
  const messageId = /^message-id:\s*(\S+)/im.exec(head)?.[1];
  return { messageId } as ParsedMail;
}
