import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { feedbackTally, listFeedback, submitFeedback } from "@/lib/feedback/feedback";
import type { Db } from "@/lib/database/client";
import { fixtureContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });

let clientCounter = 0;
const nextClient = () => `192.0.2.${++clientCounter % 250}:${clientCounter}`;

describe.each(databases)("page feedback on the $name database", (database) => {
  let client: Db;
  let itemId: string;

  beforeAll(async () => {
    client = database.client();
    await truncateCatalogue(client);
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    itemId = (await client.item.findFirstOrThrow({ where: { contentKey: "da/publication/testrapport" } })).id;
  });
  beforeEach(async () => {
    await client.$executeRawUnsafe(`TRUNCATE "PageFeedback", "RateLimitBucket"`);
  });

  const send = (fields: Record<string, string>, clientAddress = nextClient()) =>
    submitFeedback(client, { item: itemId, elapsed: "", ...fields }, { locale: "da", clientAddress });

  it("stores yes and no answers with an optional comment per item", async () => {
    expect((await send({ helpful: "yes" })).outcome).toEqual({ status: "stored", duplicate: false });
    expect((await send({ helpful: "no", comment: "Mere om økonomi, tak 🙂" })).outcome.status).toBe("stored");
    expect(await feedbackTally(client, { itemId })).toEqual([{ itemId, yes: 1, no: 1 }]);
    const entries = await listFeedback(client, { itemId });
    expect(entries.map((e) => [e.helpful, e.comment])).toEqual(
      expect.arrayContaining([
        [true, null],
        [false, "Mere om økonomi, tak 🙂"],
      ]),
    );
  });

  it("asks for an answer, caps the comment and refuses an unknown item, never throwing", async () => {
    expect((await send({})).outcome).toEqual({ status: "invalid", errors: { helpful: "required" } });
    expect((await send({ helpful: "maybe" })).outcome).toEqual({ status: "invalid", errors: { helpful: "required" } });
    expect((await send({ helpful: "yes", comment: "x".repeat(100_000) })).outcome).toEqual({
      status: "invalid",
      errors: { comment: "tooLong" },
    });
    for (const item of ["00000000-0000-4000-8000-000000000000", "<script>", ""]) {
      expect((await send({ helpful: "yes", item })).outcome).toEqual({
        status: "invalid",
        errors: { item: "unknown" },
      });
    }
    expect(await client.pageFeedback.count()).toBe(0);
  });

  it("stores HTML in a comment as inert text", async () => {
    const comment = `<script>alert(1)</script>\u0000`;
    expect((await send({ helpful: "no", comment })).outcome.status).toBe("stored");
    const [entry] = await listFeedback(client, { itemId });
    expect(entry!.comment).toBe("<script>alert(1)</script>");
  });

  it("counts a double submit once, while two people answering alike count twice", async () => {
    const key = "aFeedbackFormKey-0001";
    await Promise.all([send({ helpful: "yes", key }), send({ helpful: "yes", key })]);
    expect(await client.pageFeedback.count()).toBe(1);
    // Without a key (no JavaScript): the same answer from the same client within the window counts once.
    await send({ helpful: "no" }, "198.51.100.1");
    await send({ helpful: "no" }, "198.51.100.1");
    await send({ helpful: "no" }, "198.51.100.2");
    expect(await feedbackTally(client, { itemId })).toEqual([{ itemId, yes: 1, no: 2 }]);
  });

  it("has the same honeypot, fill time and per-client rate limit as the contact form", async () => {
    expect((await send({ helpful: "yes", website: "x" })).outcome).toEqual({ status: "discarded" });
    expect((await send({ helpful: "yes", elapsed: "300" })).outcome).toEqual({ status: "tooFast" });
    const address = "203.0.113.50";
    const outcomes = [];
    for (let i = 0; i < 21; i++) outcomes.push((await send({ helpful: "yes", comment: `${i}` }, address)).outcome);
    expect(outcomes.slice(0, 20).every((o) => o.status === "stored")).toBe(true);
    expect(outcomes[20]).toMatchObject({ status: "rateLimited" });
    expect(await client.pageFeedback.count()).toBe(20);
  });

  it("refuses an answer posted without the form's time field as sent too fast", async () => {
    const before = await client.pageFeedback.count();
    const result = await submitFeedback(
      client,
      { item: itemId, helpful: "no", comment: "Uden tid" },
      { locale: "da", clientAddress: "198.51.100.77" },
    );
    expect(result.outcome).toEqual({ status: "tooFast" });
    expect(await client.pageFeedback.count()).toBe(before);
  });
});
