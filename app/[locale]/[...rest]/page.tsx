import { notFound } from "next/navigation";

// Any path under a locale that no route claims: the localized not-found page.
export default function CatchAll() {
  notFound();
}
