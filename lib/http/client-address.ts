// The client's address, decided once per request where the socket is known (lib/server/requests.ts): the socket's
// peer, unless that peer is a trusted proxy (TRUSTED_PROXIES, a comma-separated list of addresses and CIDR ranges);
// then the right-most address in X-Forwarded-For that is not itself a trusted proxy. A client can write anything into
// X-Forwarded-For, but only the entries its trusted proxies appended are believed.
import { BlockList, isIP } from "node:net";

export type TrustedProxies = { check: (address: string) => boolean; empty: boolean };

const bare = (address: string) => {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  // IPv4 peers reach a dual-stack socket as ::ffff:a.b.c.d.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
};

// Parse TRUSTED_PROXIES; a malformed entry is an error naming it
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (
      !family ||
      extra !== undefined ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > (family === 6 ? 128 : 32)
    ) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range.`);
    }
    list.addSubnet(address!, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return {
    empty: entries.length === 0,
    check: (address: string) => {
      const ip = bare(address);
      const family = isIP(ip);
      return family !== 0 && list.check(ip, family === 6 ? "ipv6" : "ipv4");
    },
  };
}

// The client's address from the socket's peer and the X-Forwarded-For header it sent
export function clientAddressOf(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
) {
  let address = bare(peer ?? "");
  if (!address) return "unknown";
  if (!trusted.check(address)) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map(bare)
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // Anything that is no address ends the chain: the hop before it wrote it, so that hop is the client.
    if (!isIP(hop)) break;
    address = hop;
    if (!trusted.check(hop)) break;
  }
  return address;
}
