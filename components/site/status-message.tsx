import { getTranslations } from "next-intl/server";
import { Link } from "@/components/site/link";
import type { Locale } from "@/lib/i18n/routing";

export const statusCodes = [400, 404, 500, 503] as const;
export type StatusCode = (typeof statusCodes)[number];

// Heading and explanation of a 400 (a form that could not be read), 404, 500 or 503 page
export async function StatusMessage({ locale, code }: { locale: Locale; code: StatusCode }) {
  const notFound = await getTranslations({ locale, namespace: "NotFound" });
  const error = await getTranslations({ locale, namespace: "ErrorPage" });
  const [title, body] =
    code === 400
      ? [error("badRequestTitle"), error("badRequestBody")]
      : code === 404
        ? [notFound("title"), notFound("body")]
        : code === 503
          ? [error("unavailableTitle"), error("unavailableBody")]
          : [error("serverErrorTitle"), error("serverErrorBody")];
  return (
    <>
      <h1 className="text-3xl font-bold">{title}</h1>
      <p className="mt-4 max-w-prose">{body}</p>
      <p className="mt-6">
        <Link href="/">{error("home")}</Link>
      </p>
    </>
  );
}
