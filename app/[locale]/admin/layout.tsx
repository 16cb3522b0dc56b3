import type { ReactNode } from "react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { adminLocale } from "@/lib/admin/paths";
import { currentStaff } from "@/lib/auth/guard";
import { AdminShell } from "@/components/admin/admin-shell";

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = adminLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "Admin" });
  return { title: t("metaTitle"), robots: { index: false, follow: false } };
}

// The staff area's frame. It shows the navigation to a logged-in member; it guards nothing: every page,
// action and route handler checks the session and role itself.
export default async function AdminLayout({ children, params }: Props) {
  const locale = adminLocale((await params).locale);
  const staff = await currentStaff();
  return (
    <AdminShell locale={locale} staff={staff}>
      {children}
    </AdminShell>
  );
}
