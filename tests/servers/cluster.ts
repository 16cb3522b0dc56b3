// A small production cluster for tests: a fresh PostgreSQL database prepared with the compiled production tools,
// N app servers started with `next start` and the same settings, nginx running the shipped configuration in front of
// them, and a real SMTP server on loopback that receives the contact mail.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { proxyConfig } from "../../scripts/bench/nginx";
import { TestSmtpServer } from "../helpers/smtp";

export type AppServer = { port: number; url: string; child: ChildProcess; exited: Promise<number | null> };

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(url: string, child: ChildProcess, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the process ended (${child.exitCode})`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

export class Cluster {
  readonly database: string;
  readonly databaseUrl: string;
  readonly smtp = new TestSmtpServer();
  readonly servers: AppServer[] = [];
  proxyPort = 0;
  nginxConf = "";
  private nginx?: ChildProcess;
  private readonly dir: string;
  private readonly admin: string;
  readonly secrets = {
    FORM_SECRET: randomBytes(32).toString("base64url"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };

  constructor(private readonly options: { servers: number; env?: Record<string, string> }) {
    const base = process.env.DATABASE_URL;
    if (!base) throw new Error("DATABASE_URL must name a PostgreSQL server for the cluster test");
    this.admin = base;
    this.database = `kb_cluster_${process.pid}_${Date.now()}`;
    const url = new URL(base);
    url.pathname = `/${this.database}`;
    this.databaseUrl = url.toString();
    this.dir = path.resolve("test-results", "cluster", String(process.pid));
  }

  get proxy(): string {
    return `http://127.0.0.1:${this.proxyPort}`;
  }

  // Create the database, apply migrations and import content/ with the compiled tools (the production path)
  private prepareDatabase() {
    for (const command of ["migrate", "import"]) {
      const result = spawnSync("node", ["dist/tools/db.mjs", command], {
        env: { ...process.env, DATABASE_URL: this.databaseUrl },
        encoding: "utf8",
      });
      if (result.status !== 0) throw new Error(`db.mjs ${command}: ${result.stderr || result.stdout}`);
    }
  }

  env(port: number): NodeJS.ProcessEnv {
    return {
      ...process.env,
      ...this.secrets,
      NODE_ENV: "production",
      DATABASE_URL: this.databaseUrl,
      DATABASE_POOL_SIZE: "4",
      SITE_URL: this.proxy,
      PORT: String(port),
      SMTP_URL: this.smtp.url,
      MAIL_INTERVAL_SECONDS: "5",
      TRUSTED_PROXIES: "127.0.0.1",
      LOG_REQUESTS: "0",
      ...this.options.env,
    };
  }

  async startServer(port: number): Promise<AppServer> {
    const child = spawn("sh", ["scripts/serve.sh", "-p", String(port), "-H", "127.0.0.1"], {
      env: this.env(port),
      stdio: ["ignore", "inherit", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const server = { port, url: `http://127.0.0.1:${port}`, child, exited };
    await waitFor(`${server.url}/readyz`, child, 60_000);
    return server;
  }

  async start() {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    const admin = new pg.Client({ connectionString: this.admin });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${this.database}"`);
    await admin.end();
    this.prepareDatabase();
    await this.smtp.start();
    this.proxyPort = await freePort();
    const ports = [];
    for (let i = 0; i < this.options.servers; i++) ports.push(await freePort());
    this.servers.push(...(await Promise.all(ports.map((p) => this.startServer(p)))));
    const conf = proxyConfig(path.join(this.dir, "nginx"), this.proxyPort, ports, "scripts/deploy/nginx.conf");
    this.nginxConf = conf;
    const check = spawnSync("nginx", ["-t", "-c", conf], { encoding: "utf8" });
    if (check.status !== 0) throw new Error(`nginx -t: ${check.stderr}`);
    this.nginx = spawn("nginx", ["-c", conf], { stdio: "inherit" });
    await waitFor(`${this.proxy}/healthz`, this.nginx, 10_000);
  }

  async stop() {
    for (const server of this.servers) if (server.child.exitCode === null) server.child.kill("SIGKILL");
    this.nginx?.kill("SIGTERM");
    await this.smtp.stop();
    const admin = new pg.Client({ connectionString: this.admin });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`);
    await admin.end();
  }

  // A client of the cluster's database
  async query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, values)).rows;
    } finally {
      await client.end();
    }
  }
}
