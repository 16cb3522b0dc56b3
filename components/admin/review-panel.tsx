import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";
import { adminPath } from "@/lib/admin/paths";
import { failureParam } from "@/lib/admin/failure";
import type { ReviewInfo } from "@/lib/review/reviews";
import { reviewPeriodMonths } from "@/lib/review/policy";
import type { ItemType } from "@/lib/content/schema";
import { ActionForm } from "./action-form";
import { SubmitButton } from "./submit-button";

// An item's owner and review dates, with "mark as reviewed" and the owner's choice (plain forms, no JavaScript needed)
export async function ReviewPanel({
  locale,
  type,
  review,
  owners,
  result,
}: {
  locale: Locale;
  type: ItemType;
  review: ReviewInfo;
  owners: { value: string; label: string }[];
  result: { reviewed?: string; owner?: string; failed?: string };
}) {
  const t = await getTranslations({ locale, namespace: "Admin.review" });
  const failures = await getTranslations({ locale, namespace: "Admin.failures" });
  const date = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "da-DK", {
    dateStyle: "long",
    timeZone: "Europe/Copenhagen",
  });
  const permalink = adminPath(locale, `items/${review.itemId}`);
  const failure = failureParam(result.failed);
  const stateClass =
    review.state === "overdue" ? "border-error text-error" : review.state === "due" ? "border-warning" : "border-line";
  return (
    <section id="review" aria-labelledby="review-heading" className="mt-8 border border-line p-3" data-testid="review">
      <h2 id="review-heading" className="mb-2 text-lg font-bold">
        {t("heading")}
      </h2>
      {result.reviewed && (
        <p role="status" className="mb-2 border-l-4 border-success pl-3 font-semibold" data-testid="reviewed-notice">
          {t("markedReviewed")}
        </p>
      )}
      {result.owner && (
        <p role="status" className="mb-2 border-l-4 border-success pl-3 font-semibold">
          {result.owner === "saved" ? t("ownerSaved") : t("ownerUnknown")}
        </p>
      )}
      {failure && (
        <p role="alert" className="mb-2 border-l-4 border-error pl-3 font-semibold text-error">
          {failures(failure)}
        </p>
      )}
      <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">{t("owner")}</dt>
        <dd data-testid="review-owner">{review.owner ? review.owner.name : t("unowned")}</dd>
        <dt className="font-semibold">{t("lastReviewed")}</dt>
        <dd data-testid="review-last">{review.reviewedAt ? date.format(review.reviewedAt) : t("never")}</dd>
        <dt className="font-semibold">{t("reviewBy")}</dt>
        <dd data-testid="review-due">
          <span className={`border-l-4 pl-2 ${stateClass}`}>
            {date.format(review.dueAt)} · {t(`state.${review.state}`)}
          </span>
          <span className="block text-sm text-muted">{t("period", { months: reviewPeriodMonths[type] })}</span>
          {!review.active && <span className="block text-sm text-muted">{t("inactive")}</span>}
        </dd>
      </dl>
      <div className="flex flex-wrap items-end gap-6">
        <ActionForm action="markReviewed" permalink={permalink}>
          <input type="hidden" name="uiLocale" value={locale} />
          <input type="hidden" name="itemId" value={review.itemId} />
          <SubmitButton>{t("markReviewed")}</SubmitButton>
        </ActionForm>
        <ActionForm action="setItemOwner" permalink={permalink} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="uiLocale" value={locale} />
          <input type="hidden" name="itemId" value={review.itemId} />
          <div>
            <label htmlFor="review-owner-select" className="block font-semibold">
              {t("chooseOwner")}
            </label>
            <select
              id="review-owner-select"
              name="ownerId"
              defaultValue={review.owner?.id ?? ""}
              className="mt-1 block rounded border-2 border-ink bg-white px-2 py-1"
            >
              <option value="">{t("unowned")}</option>
              {owners.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton className="rounded border-2 border-ink px-3 py-1">{t("saveOwner")}</SubmitButton>
        </ActionForm>
      </div>
    </section>
  );
}
