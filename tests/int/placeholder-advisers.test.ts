// Staff see which advisers have a stand-in address, so that no one trusts mail to them to arrive.
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { placeholderAdvisers } from "@/lib/admin/placeholder-advisers";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const realContent = path.resolve(import.meta.dirname, "../../content");

describe.each(databases)("placeholder advisers on the $name database", (database) => {
  beforeEach(async () => truncateCatalogue(database.client()));

  it("lists the advisers whose address is a placeholder, and drops one once a real address is set", async () => {
    const client = database.client();
    await importCatalogue(client, await loadCatalogue(realContent));
    expect((await placeholderAdvisers(client)).map((a) => a.name).sort()).toEqual(["Jesper", "Åsa Bengtsson"].sort());
    await client.adviser.update({
      where: { slug: "jesper-cabi" },
      data: { email: "jesper@cabi.dk", emailIsPlaceholder: false },
    });
    expect((await placeholderAdvisers(client)).map((a) => a.name)).toEqual(["Åsa Bengtsson"]);
  });
});
