import type { ReactNode } from "react";
import type { useTranslations } from "next-intl";
import type { LinkState } from "@/lib/links/queries";
import type messages from "@/messages/da.json";

// Words of the link checker's states and results: the Admin.links messages
export type LinkWords = ReturnType<typeof useTranslations<"Admin.links">>;

type ErrorKey = keyof (typeof messages)["Admin"]["links"]["error"];

const errorKeys: Record<string, ErrorKey> = {
  timeout: "timeout",
  "connect-timeout": "connectTimeout",
  tls: "tls",
  dns: "dns",
  refused: "refused",
  reset: "reset",
  network: "network",
  http: "http",
  "private-address": "privateAddress",
  "redirect-loop": "redirectLoop",
  "too-many-redirects": "tooManyRedirects",
  "bad-redirect": "badRedirect",
  "bad-url": "badUrl",
};

// What a check found, in words: the error's kind (with the status) or the answer's status
export function linkResult(t: LinkWords, result: { errorKind: string | null; status: number | null }): string {
  if (result.errorKind) return t(`error.${errorKeys[result.errorKind] ?? "network"}`, { status: result.status ?? "" });
  if (result.status !== null) return t("okStatus", { status: result.status });
  return "–";
}

const stateStyle: Record<LinkState, string> = {
  unchecked: "border-line",
  ok: "border-success",
  moved: "border-warning",
  failing: "border-warning",
  broken: "border-error",
};

// A link's state as a marked label (the colour repeats what the words say)
export function LinkStateLabel({
  t,
  state,
  failures,
}: {
  t: LinkWords;
  state: LinkState;
  failures: number;
}): ReactNode {
  return (
    <span className={`inline-block border-l-4 pl-2 font-semibold ${stateStyle[state]}`} data-state={state}>
      {t(`state.${state}`, { count: failures })}
    </span>
  );
}

// Dates and times as staff read them
export function linkDateFormat(locale: string) {
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "da-DK", {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: locale === "sv" ? "Europe/Stockholm" : "Europe/Copenhagen",
  });
}
