// nginx for the benchmark: one instance serving the measured pages' bytes from disk, one running
// the shipped production config (scripts/deploy/nginx.conf) in front of the app.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// Shared main context: one worker (like the single Next.js server process), no access log.
function main(prefix: string, httpBody: string) {
  const user = process.getuid?.() === 0 ? "user root;\n" : "";
  return `${user}worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log off;
    client_body_temp_path ${prefix}/body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;
${httpBody}
}
`;
}

// Serves <prefix>/html/<name>.html at /<name>
export function staticConfig(prefix: string, port: number): string {
  mkdirSync(path.join(prefix, "html"), { recursive: true });
  const file = path.join(prefix, "nginx.conf");
  writeFileSync(
    file,
    main(
      prefix,
      `    server {
        listen 127.0.0.1:${port};
        root ${prefix}/html;
        default_type text/html;
        charset utf-8;
        location / { try_files $uri.html =404; }
    }`,
    ),
  );
  return file;
}

// The shipped config with only its listen address, upstream servers and cache folder changed
export function proxyConfig(prefix: string, port: number, appPorts: number | number[], shipped: string): string {
  mkdirSync(path.join(prefix, "cache"), { recursive: true });
  let conf = readFileSync(shipped, "utf8");
  const replace = (from: RegExp, to: string) => {
    if (!from.test(conf)) throw new Error(`${shipped} no longer contains ${from}: update scripts/bench/nginx.ts`);
    conf = conf.replace(from, to);
  };
  replace(/^\s*listen \[::\]:80;\n/m, "");
  replace(/listen 80;/, `listen 127.0.0.1:${port};`);
  replace(
    /server 127\.0\.0\.1:3000( [^;]*)?;/,
    [appPorts]
      .flat()
      .map((p) => `server 127.0.0.1:${p}$1;`)
      .join("\n    "),
  );
  replace(/\/var\/cache\/nginx\/kb/, path.join(prefix, "cache"));
  writeFileSync(path.join(prefix, "site.conf"), conf);
  const file = path.join(prefix, "nginx.conf");
  writeFileSync(file, main(prefix, `    include ${path.join(prefix, "site.conf")};`));
  return file;
}
