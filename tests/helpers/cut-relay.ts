// A TCP relay in front of a database that a test can cut at once, or cut when the client sends a chosen
// statement (so a save fails half-way through its transaction), and open again on the same port.
import net from "node:net";
import { databaseTarget, throughRelay } from "./db-target";

export class Relay {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  private trigger: { pattern: RegExp; fired: () => void } | null = null;
  port = 0;

  constructor(private target: net.NetConnectOpts) {}

  // The URL of the database at target, through the relay
  static async before(url: string) {
    const relay = new Relay(databaseTarget(url));
    await relay.open();
    return { relay, url: throughRelay(url, relay.port) };
  }

  // Listen (again, on the same port once one was taken) and pass bytes both ways
  async open() {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.on("data", (chunk: Buffer) => {
        const trigger = this.trigger;
        if (trigger && trigger.pattern.test(chunk.toString("latin1"))) {
          // The statement never reaches the database: the connection dies before it.
          this.trigger = null;
          void this.cut().then(trigger.fired);
          return;
        }
        if (!upstream.write(chunk)) client.pause();
      });
      upstream.on("drain", () => client.resume());
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  // Drop every connection and refuse new ones
  async cut() {
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  // Cut everything when the client next sends a message matching pattern; resolves when it has been cut
  cutOn(pattern: RegExp): Promise<void> {
    return new Promise((fired) => (this.trigger = { pattern, fired }));
  }

  get isOpen() {
    return !!this.server;
  }
}
