// Form posts whose multipart body Node's FormData parser refuses are marked by request id and answered 400
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { isUnreadableBody, markUnreadableBody, takeUnreadableBody } from "@/lib/server/unreadable-bodies";
import { isFormPost } from "@/lib/server/status-pages";

const request = (method: string, url: string, headers: Record<string, string>) =>
  ({ method, url, headers }) as unknown as IncomingMessage;

describe("unreadable form bodies", () => {
  it("recognises the error Node throws for a multipart body it cannot parse, and nothing else", async () => {
    const body = '------b\r\nContent-Disposition: form-data; name="x"\r\n\r\n';
    const error = await new Request("http://localhost", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=----b" },
      body,
    })
      .formData()
      .catch((e: unknown) => e);
    expect(isUnreadableBody(error)).toBe(true);
    expect(isUnreadableBody(new TypeError("fetch failed"))).toBe(false);
    expect(isUnreadableBody(new Error("Failed to parse body as FormData."))).toBe(false);
  });

  it("keeps a mark per request id until it is taken once", () => {
    markUnreadableBody("req-1");
    expect(takeUnreadableBody("req-2")).toBe(false);
    expect(takeUnreadableBody("req-1")).toBe(true);
    expect(takeUnreadableBody("req-1")).toBe(false);
    markUnreadableBody(undefined);
    expect(takeUnreadableBody(undefined)).toBe(false);
  });

  it("forgets old marks rather than growing without bound", () => {
    const start = Date.now() - 120_000;
    for (let i = 0; i < 1000; i++) markUnreadableBody(`old-${i}`, start);
    markUnreadableBody("new", Date.now());
    expect(takeUnreadableBody("old-0")).toBe(false);
    expect(takeUnreadableBody("new")).toBe(true);
  });

  it("watches form posts to pages only, not server action calls, API routes or other bodies", () => {
    const multipart = { "content-type": "multipart/form-data; boundary=x" };
    expect(isFormPost(request("POST", "/da/kontakt", multipart))).toBe(true);
    expect(isFormPost(request("POST", "/da/kontakt", { ...multipart, "next-action": "abc" }))).toBe(false);
    expect(isFormPost(request("POST", "/api/admin/attachments", multipart))).toBe(false);
    expect(isFormPost(request("POST", "/da/kontakt", { "content-type": "application/json" }))).toBe(false);
    expect(isFormPost(request("GET", "/da/kontakt", multipart))).toBe(false);
  });
});
