// For the browser tests of the link checker: `create <title> <url>...` stores a draft article whose text links to
// the addresses (and prints its id), `delete <id>` removes it again; against the same database as the site.
import { withDatabase } from "../../scripts/with-database";

async function main([command, ...args]: string[]) {
  await withDatabase(async (client) => {
    if (command === "create") {
      const [title, ...urls] = args;
      const slug = `links-${process.pid}-${Date.now()}`;
      const item = await client.item.create({
        data: {
          contentKey: `da/article/${slug}`,
          type: "article",
          locale: "da",
          slug,
          title: title!,
          summary: "Et udkast med eksterne links",
          body: urls.map((url, i) => `Se [kilde ${i + 1}](${url}).`).join("\n\n"),
        },
      });
      console.log(item.id);
    } else if (command === "delete") {
      await client.item.delete({ where: { id: args[0]! } });
    } else throw new Error("usage: links-seed.ts create <title> <url>... | delete <id>");
  });
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
