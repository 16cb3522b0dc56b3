// A TCP relay on loopback between a client and a server (here: the app and its database). A test
// cuts it to make the network fail at an exact moment: every open connection is destroyed and new
// ones are refused until restore().
import net, { type Socket } from "node:net";
import { databaseTarget, throughRelay } from "./db-target";

export class TcpRelay {
  port = 0;
  cuts = 0;
  /** Called with every chunk the client sends; returning true cuts the relay before the chunk passes. */
  cutWhen?: (chunk: Buffer) => boolean;
  private down = false;
  private pairs = new Set<[Socket, Socket]>();
  private server?: net.Server;

  constructor(private readonly target: net.NetConnectOpts) {}

  // A relay in front of the PostgreSQL server that `url` names
  static forUrl(url: string): TcpRelay {
    return new TcpRelay(databaseTarget(url));
  }

  // The same connection string, pointed at the relay
  url(original: string): string {
    return throughRelay(original, this.port);
  }

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      if (this.down) return void client.destroy();
      const upstream = net.connect(this.target);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on("data", (chunk: Buffer) => {
        if (this.cutWhen?.(chunk)) {
          this.cutWhen = undefined;
          this.cut();
          return;
        }
        upstream.write(chunk);
      });
      upstream.on("data", (chunk: Buffer) => client.write(chunk));
      client.on("close", close);
      upstream.on("close", close);
      client.on("error", close);
      upstream.on("error", close);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  // Drop every connection now and refuse new ones
  cut(): void {
    this.cuts++;
    this.down = true;
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  // Let connections through again
  restore(): void {
    this.down = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
