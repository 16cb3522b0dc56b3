import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";
import { ShareActions } from "./share-actions";

// Sharing an item without any third party: the link in a field to select, copy and print buttons (with JavaScript)
// and an e-mail with the link (mailto:, the reader's own mail program)
export async function ShareControls({ locale, url, title }: { locale: Locale; url: string; title: string }) {
  const t = await getTranslations({ locale, namespace: "Share" });
  const mail = `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(t("emailBody", { title, url }))}`;
  return (
    <section aria-labelledby="share-heading" className="mt-10 rounded border border-line p-4 print:hidden">
      <h2 id="share-heading" className="text-xl font-bold">
        {t("heading")}
      </h2>
      <label htmlFor="share-link" className="mt-3 block font-semibold">
        {t("linkLabel")}
      </label>
      <input
        id="share-link"
        type="url"
        readOnly
        value={url}
        className="mt-1 w-full rounded border border-muted bg-white px-2 py-1.5"
        data-testid="share-link"
      />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <a
          href={mail}
          className="inline-flex min-h-11 items-center rounded border border-brand px-3 py-2 font-semibold"
          data-testid="share-email"
        >
          {t("email")}
        </a>
        <ShareActions
          fieldId="share-link"
          url={url}
          words={{ copy: t("copy"), copied: t("copied"), copyFailed: t("copyFailed"), print: t("print") }}
        />
      </div>
    </section>
  );
}
