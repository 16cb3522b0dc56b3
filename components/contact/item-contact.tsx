import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";
import { getPathname } from "@/lib/i18n/navigation";
import { itemHref } from "@/lib/catalogue/sections";
import type { ItemType } from "@/lib/catalogue/items";
import { sendContactMessage } from "@/lib/contact/actions";
import type { ContactFormState } from "@/lib/contact/schema";
import { ContactForm } from "./contact-form";
import { contactFormText } from "./form-text";
import { routeAdviser } from "@/lib/data/site";

// "Questions about this publication? Contact Jesper": the contact form at the end of an item page.
// The page is cached and shared, so nothing here depends on the visitor.
export async function ItemContact({
  locale,
  item,
}: {
  locale: Locale;
  item: { id: string; type: ItemType; slug: string };
}) {
  const adviser = await routeAdviser(locale, item.id);
  if (!adviser) return null;
  const t = await getTranslations({ locale, namespace: "Contact" });
  const initial: ContactFormState = {
    attempt: 0,
    values: {
      name: "",
      email: "",
      organisation: "",
      municipality: "",
      subject: "",
      message: "",
      consent: "",
      adviser: "",
      item: item.id,
      key: "",
      started: "",
    },
    errors: {},
    formError: null,
  };
  return (
    <section aria-labelledby="item-contact-heading" className="mt-12 border-t border-line pt-8" lang={locale}>
      <h2 id="item-contact-heading" className="text-2xl font-bold">
        {t("itemHeading", { what: t(`itemWhat.${item.type}`), name: adviser.name })}
      </h2>
      <p className="mt-2 mb-6 max-w-prose">{t("itemIntro", { name: adviser.name, title: adviser.title })}</p>
      <ContactForm
        action={sendContactMessage}
        initial={initial}
        text={await contactFormText(locale)}
        locale={locale}
        permalink={getPathname({ locale, href: itemHref(item.type, item.slug) })}
      />
    </section>
  );
}
