import NextLink from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { BrokenLinksSummary } from "@/components/admin/broken-links-summary";
import { attentionFor, itemCounts, placeholderAdvisers } from "@/lib/data/admin";
import { PublicationCalendar } from "@/components/admin/publication-calendar";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

const recordKinds = ["topics", "organisations", "places", "advisers", "glossary"];

// One part of the dashboard: a heading with its count and what to do, and the entries, each linking to where it is
// handled
function Section({
  id,
  title,
  count,
  urgent,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  urgent?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className={`rounded border p-4 ${urgent ? "border-2 border-error" : "border-line"}`}
      data-testid={`attention-${id}`}
    >
      <h2 id={`${id}-heading`} className="mb-2 text-lg font-bold">
        {title}
        {count !== undefined && <span className="ml-2 rounded bg-tint px-2 tabular-nums">{count}</span>}
      </h2>
      {children}
    </section>
  );
}

// The admin's start page: what needs attention now, each entry linking to where it is handled
export default async function AdminHome({ params }: Props) {
  const locale = adminLocale((await params).locale);
  const staff = await requireStaff(locale);
  const t = await getTranslations({ locale, namespace: "Admin" });
  const now = new Date();
  const [counts, placeholders, attention] = await Promise.all([
    itemCounts(),
    placeholderAdvisers(),
    attentionFor(staff, now),
  ]);
  const tag = locale === "sv" ? "sv-SE" : "da-DK";
  const date = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "Europe/Copenhagen" });
  const dateTime = new Intl.DateTimeFormat(tag, {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "Europe/Copenhagen",
  });
  const { inbox, reviews, mail, feedback, scheduled, changes } = attention;
  const changeHref = (c: (typeof changes)[number]): string | null => {
    if (!c.entityId) return null;
    if (c.entity === "item") return c.action === "item.delete" ? null : adminPath(locale, `items/${c.entityId}`);
    if (c.entity === "contactMessage") return adminPath(locale, `inbox#message-${c.entityId}`);
    if (recordKinds.includes(c.entity)) {
      if (staff.role !== "admin" && !["advisers", "glossary"].includes(c.entity)) return null;
      return adminPath(locale, `${c.entity}?record=${c.entityId}`);
    }
    return null;
  };
  // Broken links: the link checker's section (components/admin/broken-links-summary.tsx), one more entry in the grid.
  const brokenLinks: ReactNode = <BrokenLinksSummary locale={locale} />;

  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("dashboard.title")}</h1>
      <ul className="mb-6 flex flex-wrap gap-4">
        {(["draft", "scheduled", "published"] as const).map((status) => (
          <li key={status} className="rounded border border-line p-4">
            <NextLink href={`${adminPath(locale, "items")}?status=${status}`} prefetch={false}>
              <span className="block text-3xl font-bold">{counts[status]}</span>
              {t(`dashboard.${status === "draft" ? "drafts" : status}`)}
            </NextLink>
          </li>
        ))}
        {mail && (
          <li
            className={`rounded border p-4 ${mail.failed ? "border-2 border-error" : "border-line"}`}
            data-testid="failed-mail-count"
          >
            <NextLink href={adminPath(locale, "mail")} prefetch={false}>
              <span className="block text-3xl font-bold">{mail.failed}</span>
              {t("dashboard.failedMail", { count: mail.failed })}
            </NextLink>
          </li>
        )}
        {mail && mail.waiting > 0 && (
          <li className="rounded border border-line p-4">
            <NextLink href={adminPath(locale, "mail")} prefetch={false}>
              <span className="block text-3xl font-bold">{mail.waiting}</span>
              {t("dashboard.waitingMail", { count: mail.waiting })}
            </NextLink>
          </li>
        )}
        {placeholders.length > 0 && (
          <li className="rounded border-2 border-[#b3261e] p-4" data-testid="placeholder-advisers">
            <NextLink href={adminPath(locale, "advisers")} prefetch={false}>
              <span className="block text-3xl font-bold">{placeholders.length}</span>
              {t("dashboard.placeholderAdvisers", { count: placeholders.length })}
            </NextLink>
          </li>
        )}
      </ul>

      <div className="grid gap-4 lg:grid-cols-2">
        {inbox && (
          <Section id="inbox" title={t("dashboard.inboxTitle")} count={inbox.count} urgent={inbox.count > 0}>
            {inbox.messages.length ? (
              <ul className="space-y-1">
                {inbox.messages.map((m) => (
                  <li key={m.id}>
                    <NextLink href={adminPath(locale, `inbox?status=new#message-${m.id}`)} prefetch={false}>
                      {m.subject}
                    </NextLink>{" "}
                    <span className="text-sm text-muted">
                      {m.name} · {m.reference} · {t("dashboard.waitingSince", { date: dateTime.format(m.createdAt) })}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("dashboard.inboxEmpty")}</p>
            )}
            {inbox.count > inbox.messages.length && (
              <p className="mt-2">
                <NextLink href={adminPath(locale, "inbox?status=new")} prefetch={false}>
                  {t("dashboard.allNew", { count: inbox.count })}
                </NextLink>
              </p>
            )}
          </Section>
        )}

        <Section
          id="reviews"
          title={t("dashboard.reviewsTitle")}
          count={reviews.mineCount}
          urgent={reviews.mine.some((r) => r.state === "overdue")}
        >
          {reviews.mine.length ? (
            <ul className="space-y-1">
              {reviews.mine.map((r) => (
                <li key={r.id} data-review-state={r.state}>
                  <NextLink href={adminPath(locale, `items/${r.id}#review`)} prefetch={false}>
                    {r.title}
                  </NextLink>{" "}
                  <strong
                    className={`rounded border px-1 text-sm ${r.state === "overdue" ? "border-error text-error" : "border-warning text-warning"}`}
                  >
                    {t(`review.state.${r.state}`)}
                  </strong>{" "}
                  <span className="text-sm text-muted">{t("review.dueOn", { date: date.format(r.dueAt) })}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("dashboard.reviewsNone")}</p>
          )}
          <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <li>
              <NextLink href={adminPath(locale, "items?review=overdue")} prefetch={false} data-testid="overdue-all">
                {t("dashboard.overdueAll", { count: reviews.overdue })}
              </NextLink>
            </li>
            <li>
              <NextLink href={adminPath(locale, "items?review=due")} prefetch={false}>
                {t("dashboard.dueAll", { count: reviews.due })}
              </NextLink>
            </li>
            <li>
              <NextLink href={adminPath(locale, "items?review=unowned")} prefetch={false}>
                {t("dashboard.unownedAll", { count: reviews.unowned })}
              </NextLink>
            </li>
          </ul>
        </Section>

        {brokenLinks}

        {mail && (
          <Section id="mail" title={t("dashboard.mailTitle")} count={mail.failed} urgent={mail.failed > 0}>
            <p>
              <NextLink href={adminPath(locale, "mail")} prefetch={false}>
                {mail.failed
                  ? t("dashboard.failedMailLink", { count: mail.failed })
                  : t("dashboard.mailFine", { count: mail.waiting })}
              </NextLink>
            </p>
          </Section>
        )}

        <Section id="feedback" title={t("dashboard.feedbackTitle")} count={feedback.length}>
          {feedback.length ? (
            <ul className="space-y-2">
              {feedback.map((f) => (
                <li key={f.id}>
                  <NextLink href={adminPath(locale, `feedback#feedback-${f.id}`)} prefetch={false}>
                    {f.itemTitle}
                  </NextLink>{" "}
                  <span className="text-sm text-muted">{date.format(f.createdAt)}</span>
                  <blockquote className="border-l-4 border-line pl-2 whitespace-pre-wrap">{f.comment}</blockquote>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("dashboard.feedbackNone")}</p>
          )}
        </Section>

        <Section id="changes" title={t("dashboard.changesTitle")} count={changes.length}>
          {changes.length ? (
            <ul className="space-y-1">
              {changes.map((c) => {
                const href = changeHref(c);
                const label = c.title ?? c.entity;
                return (
                  <li key={c.id}>
                    {href ? (
                      <NextLink href={href} prefetch={false}>
                        {label}
                      </NextLink>
                    ) : (
                      label
                    )}{" "}
                    <span className="text-sm text-muted">
                      {t("dashboard.changeBy", { who: c.actorEmail, what: c.action, date: dateTime.format(c.at) })}
                    </span>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p>{t("dashboard.changesNone")}</p>
          )}
          {staff.role === "admin" && (
            <p className="mt-2 text-sm">
              <NextLink href={adminPath(locale, "audit")} prefetch={false}>
                {t("dashboard.auditLink")}
              </NextLink>
            </p>
          )}
        </Section>
      </div>

      <section aria-labelledby="calendar-heading" className="mt-6" data-testid="attention-calendar">
        <h2 id="calendar-heading" className="mb-2 text-lg font-bold">
          {t("dashboard.calendarTitle")}
        </h2>
        <PublicationCalendar locale={locale} entries={scheduled} now={now} days={attention.calendar.days} />
        {scheduled.length === 0 && <p className="mt-2">{t("dashboard.calendarNone")}</p>}
      </section>
    </>
  );
}
