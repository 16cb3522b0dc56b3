import type { Metadata } from "next";
import { permanentRedirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { ContactForm } from "@/components/contact/contact-form";
import { contactFormText } from "@/components/contact/form-text";
import { AdviserDirectory } from "@/components/contact/adviser-directory";
import { alternatesFor } from "@/lib/i18n/alternates";
import { getPathname } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { sendContactMessage } from "@/lib/contact/actions";
import type { ContactFormState } from "@/lib/contact/schema";
import { issueStartStamp, newFormKey } from "@/lib/form-guard";
import { checkPageParams } from "@/lib/i18n/page-params";
import { getContactItem, listContactAdvisers, routeAdviser } from "@/lib/data/site";
import { getMovedRecord } from "@/lib/catalogue/moved-records";
import { recordSlug } from "@/lib/admin/record-form";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ adviser?: string | string[]; item?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  checkPageParams({ locale });
  const t = await getTranslations({ locale, namespace: "Contact" });
  return { title: t("metaTitle") };
}

// Rendered per request: what it shows depends on the query (and the form carries a fresh key).
export const dynamic = "force-dynamic";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

// The contact page: the form (with a fresh key and a signed start time, as this page is never cached) and the advisers
export default async function ContactPage({ params, searchParams }: Props) {
  const { locale } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: "Contact" });
  const advisers = await listContactAdvisers(locale);
  const item = await getContactItem(first(query.item));
  const wanted = first(query.adviser);
  if (wanted && !advisers.some((a) => a.slug === wanted) && recordSlug.safeParse(wanted).success) {
    // ?adviser= naming a renamed adviser by its former slug leads to the same adviser under the new one.
    const moved = await getMovedRecord("advisers", wanted);
    if (moved) {
      const next = new URLSearchParams({ adviser: moved, ...(first(query.item) ? { item: first(query.item) } : {}) });
      permanentRedirect(`${getPathname({ locale, href: "/contact" })}?${next}`);
    }
  }
  const preselected = advisers.find((a) => a.slug === wanted) ?? (await routeAdviser(locale, item?.id));

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
      adviser: preselected?.slug ?? "",
      item: item?.id ?? "",
      key: newFormKey(),
      started: issueStartStamp(),
    },
    errors: {},
    formError: null,
  };

  return (
    <PageShell locale={locale} alternates={alternatesFor("/contact")}>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-4 max-w-prose text-lg">{t("intro")}</p>
      <section aria-labelledby="contact-form-heading" className="mt-10">
        <h2 id="contact-form-heading" className="mb-4 text-2xl font-bold">
          {t("formHeading")}
        </h2>
        {item && (
          <p className="mb-4" data-testid="contact-item">
            {t("aboutItem", { title: item.title })}
          </p>
        )}
        {advisers.length > 0 && (
          <ContactForm
            action={sendContactMessage}
            initial={initial}
            text={await contactFormText(locale)}
            locale={locale}
            permalink={getPathname({
              locale,
              href: {
                pathname: "/contact",
                query: { ...(preselected?.slug === wanted && { adviser: wanted }), ...(item && { item: item.id }) },
              },
            })}
            advisers={advisers.map((a) => ({ value: a.slug, label: `${a.name} – ${a.title}` }))}
          />
        )}
      </section>
      <AdviserDirectory locale={locale} advisers={advisers} />
    </PageShell>
  );
}
