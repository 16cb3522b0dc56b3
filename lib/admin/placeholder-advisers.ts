import "server-only";
import type { Db } from "@/lib/database/client";

// List the advisers whose e-mail is a stand-in (the source gave no address), so that staff see that mail to them reaches no one
export async function placeholderAdvisers(client: Db): Promise<{ id: string; name: string; email: string }[]> {
  return client.adviser.findMany({
    where: { emailIsPlaceholder: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}
