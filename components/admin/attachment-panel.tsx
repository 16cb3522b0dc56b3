import type { Locale } from "@/lib/i18n/routing";

// Placeholder until uploads exist: lists the item's attachments
export async function AttachmentPanel(_props: {
  locale: Locale;
  itemId: string;
  attachments: { id: string; title: string; fileName: string; sizeBytes: number }[];
}) {
  return null;
}
