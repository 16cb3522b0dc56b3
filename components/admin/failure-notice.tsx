import { getTranslations } from "next-intl/server";
import { failureParam } from "@/lib/admin/failure";

// The translated message of a failed admin action that came back through the address (?failed=…)
export async function FailureNotice({ locale, failed }: { locale: string; failed: unknown }) {
  const failure = failureParam(Array.isArray(failed) ? failed[0] : failed);
  if (!failure) return null;
  const t = await getTranslations({ locale: locale === "sv" ? "sv" : "da", namespace: "Admin.failures" });
  return (
    <p role="alert" className="mb-4 border-l-4 border-error pl-3 font-semibold" data-testid="failure">
      {t(failure)}
    </p>
  );
}
