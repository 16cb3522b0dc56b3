import "server-only";
import type { Db } from "@/lib/database/client";
import type { Locale } from "@/lib/i18n/routing";

// One entry of a select list: the value sent and the label shown
export type Choice = { value: string; label: string };

// Topics as filter choices (value: slug)
export async function listTopicChoices(client: Db, locale: Locale): Promise<Choice[]> {
  const rows = await client.topic.findMany({ select: { slug: true, nameDa: true, nameSv: true } });
  return rows
    .map((r) => ({ value: r.slug, label: locale === "sv" ? r.nameSv : r.nameDa }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}
