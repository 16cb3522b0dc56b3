import type { ReactNode } from "react";
import NextLink from "next/link";
import { getTranslations } from "next-intl/server";
import { adminPath } from "@/lib/admin/paths";
import type { Staff } from "@/lib/auth/guard";
import type { Locale } from "@/lib/i18n/routing";
import { ActionForm } from "./action-form";

const editorLinks = ["items", "newItem", "advisers", "glossary", "bestBets", "inbox", "feedback", "links"] as const;
const adminLinks = ["topics", "organisations", "places", "staff", "mail", "alerts", "audit", "export"] as const;
const hrefs: Record<(typeof editorLinks)[number] | (typeof adminLinks)[number], string> = {
  items: "items",
  newItem: "items/new",
  inbox: "inbox",
  feedback: "feedback",
  links: "links",
  advisers: "advisers",
  glossary: "glossary",
  bestBets: "best-bets",
  topics: "topics",
  organisations: "organisations",
  places: "places",
  staff: "staff",
  mail: "mail",
  alerts: "alerts",
  audit: "audit",
  export: "export",
};

// The admin's frame: navigation for the logged-in staff member (the pages check access themselves)
export async function AdminShell({
  locale,
  staff,
  children,
}: {
  locale: Locale;
  staff: Staff | null;
  children: ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: "Admin" });
  const links = staff ? [...editorLinks, ...(staff.role === "admin" ? adminLinks : [])] : [];
  return (
    <>
      <header className="border-b border-line bg-tint">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <NextLink href={adminPath(locale)} className="font-bold" prefetch={false}>
            {t("nav.label")}
          </NextLink>
          {staff && (
            <nav aria-label={t("nav.label")} className="flex-1">
              <ul className="flex flex-wrap gap-x-4 gap-y-1">
                {links.map((key) => (
                  <li key={key}>
                    <NextLink href={adminPath(locale, hrefs[key])} prefetch={false}>
                      {t(`nav.${key}`)}
                    </NextLink>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {staff && (
            <ActionForm
              action="logout"
              permalink={adminPath(locale, "login")}
              className="flex items-center gap-3 text-sm"
            >
              <span>{t("nav.signedInAs", { name: staff.name, role: t(`roles.${staff.role}`) })}</span>
              <NextLink href={adminPath(locale, "password")} prefetch={false} className="underline">
                {t("nav.account")}
              </NextLink>
              <input type="hidden" name="locale" value={locale} />
              <button type="submit" className="underline">
                {t("nav.logout")}
              </button>
            </ActionForm>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {children}
      </main>
    </>
  );
}
