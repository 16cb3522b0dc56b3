import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";
import { getPathname } from "@/lib/i18n/navigation";
import { itemHref } from "@/lib/catalogue/sections";
import { sendFeedback } from "@/lib/feedback/actions";
import type { FeedbackFormState } from "@/lib/feedback/schema";
import { feedbackErrorText, type Translate } from "@/lib/contact/error-text";
import { FeedbackForm } from "./feedback-form";
import { getFeedbackItem } from "@/lib/data/site";

// "Was this page helpful?" at the end of an item page; the same for every visitor, so it can be cached
export async function PageFeedback({ locale, itemId }: { locale: Locale; itemId: string }) {
  const item = await getFeedbackItem(itemId);
  if (!item) return null;
  const t = await getTranslations({ locale, namespace: "Feedback" });
  const forms = await getTranslations({ locale, namespace: "Forms" });
  const all = await getTranslations({ locale });
  const initial: FeedbackFormState = {
    attempt: 0,
    values: { helpful: "", comment: "", item: itemId, key: "" },
    errors: {},
    formError: null,
    done: false,
  };
  return (
    <section
      aria-label={t("title")}
      className="mt-12 rounded border border-line bg-tint p-4"
      lang={locale}
      data-testid="page-feedback"
    >
      <FeedbackForm
        action={sendFeedback}
        initial={initial}
        locale={locale}
        permalink={getPathname({ locale, href: itemHref(item.type, item.slug) })}
        text={{
          title: t("title"),
          yes: t("yes"),
          no: t("no"),
          comment: t("comment"),
          optional: forms("optional"),
          commentHint: t("commentHint"),
          submit: t("submit"),
          sending: forms("sending"),
          thanks: t("thanks"),
          honeypot: forms("honeypot"),
          summaryTitle: forms("errorSummaryTitle"),
          errorPrefix: forms("errorPrefix"),
          errors: feedbackErrorText(all as unknown as Translate),
        }}
      />
    </section>
  );
}
