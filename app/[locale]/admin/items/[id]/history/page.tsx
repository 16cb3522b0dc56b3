import NextLink from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { getEditableItem, listRevisions } from "@/lib/data/admin";
import { DiffView } from "@/components/admin/diff-view";
import { fieldLabels } from "@/components/admin/editor-text";
import { SubmitButton } from "@/components/admin/submit-button";
import { FailureNotice } from "@/components/admin/failure-notice";
import { ActionForm } from "@/components/admin/action-form";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// An item's revisions: who saved what and when, the changes of each, and one-click restore
export default async function HistoryPage({ params, searchParams }: Props) {
  const { locale: raw, id } = await params;
  const locale = adminLocale(raw);
  await requireStaff(locale);
  const item = await getEditableItem(id);
  if (!item) notFound();
  const sp = await searchParams;
  const t = await getTranslations({ locale, namespace: "Admin" });
  const revisions = await listRevisions(id);
  const labels = await fieldLabels(locale);
  const date = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "da-DK", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "Europe/Copenhagen",
  });
  const restored = typeof sp.restored === "string" ? Number(sp.restored) : null;
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("history.title", { title: item.values.title })}</h1>
      <p className="mb-4">
        <NextLink href={adminPath(locale, `items/${id}`)} prefetch={false}>
          {t("common.back")}
        </NextLink>
      </p>
      <FailureNotice locale={locale} failed={sp.failed} />
      {restored !== null && (
        <p role="status" className="mb-4 border-l-4 border-success pl-3 font-semibold" data-testid="notice">
          {t("history.restored", { version: restored })}
        </p>
      )}
      {sp.conflict && (
        <p role="alert" className="mb-4 border-l-4 border-error pl-3 font-semibold">
          {t("editor.conflictTitle")}
        </p>
      )}
      <ol className="space-y-6">
        {revisions.map((rev) => (
          <li key={rev.id} className="rounded border border-line p-3" data-testid="revision">
            <h2 className="font-bold">
              {t("history.version", { version: rev.version })} ·{" "}
              {t(`history.actions.${rev.action}` as "history.actions.save")}
              {rev.version === item.version && <> ({t("history.current")})</>}
            </h2>
            <p className="mb-2 text-sm">
              {t("history.by", { author: rev.authorName, date: date.format(rev.createdAt) })}
            </p>
            {rev.changes.length ? (
              <details>
                <summary className="cursor-pointer">{t("history.diffTitle")}</summary>
                <DiffView changes={rev.changes} labels={labels} />
              </details>
            ) : (
              <p>{t("history.noChanges")}</p>
            )}
            {rev.version !== item.version && (
              <ActionForm
                action="restoreRevision"
                permalink={adminPath(locale, `items/${id}/history`)}
                className="mt-2"
              >
                <input type="hidden" name="uiLocale" value={locale} />
                <input type="hidden" name="itemId" value={id} />
                <input type="hidden" name="revisionId" value={rev.id} />
                <input type="hidden" name="version" value={item.version} />
                <SubmitButton>{t("history.restore")}</SubmitButton>
              </ActionForm>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
