"use client";
import { useDeferredValue, useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { analyseText } from "@/lib/plain-language/analyse";
import { longSentenceWords, targetLix } from "@/lib/plain-language/thresholds";

type Props = {
  /** The id of the text area holding the Markdown, and of the select holding the item's language. */
  sourceId: string;
  localeSourceId: string;
  initialText: string;
  initialLocale: "da" | "sv";
};

const excerpt = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

// The plain-language checks of the text being written, recomputed as the editor types: LIX and its band, words and
// reading time, the long sentences and hard paragraphs (listed, and marked in the text), heading order and link texts.
// It reads the editor's fields by their ids, so it works beside any form that has them.
export function PlainLanguagePanel({ sourceId, localeSourceId, initialText, initialLocale }: Props) {
  const t = useTranslations("Admin.plainLanguage");
  const [text, setText] = useState(initialText);
  const [locale, setLocale] = useState(initialLocale);
  useEffect(() => {
    const read = (event: Event) => {
      const target = event.target as HTMLTextAreaElement | HTMLSelectElement | null;
      if (target?.id === sourceId) setText(target.value);
      else if (target?.id === localeSourceId && (target.value === "da" || target.value === "sv"))
        setLocale(target.value);
    };
    document.addEventListener("input", read);
    document.addEventListener("change", read);
    return () => {
      document.removeEventListener("input", read);
      document.removeEventListener("change", read);
    };
  }, [sourceId, localeSourceId]);
  const deferred = useDeferredValue(text);
  const report = useMemo(() => analyseText(deferred, locale), [deferred, locale]);
  const number = (n: number) => n.toLocaleString(locale === "sv" ? "sv-SE" : "da-DK");
  const findings =
    report.longSentences.length +
    report.hardParagraphs.length +
    report.headingIssues.length +
    report.vagueLinks.length +
    report.emptyLinks.length;
  const over = report.lix > targetLix;

  return (
    <section
      aria-labelledby="plain-heading"
      className="mt-8 rounded border border-line p-3"
      data-testid="plain-language"
    >
      <h2 id="plain-heading" className="mb-2 text-lg font-bold">
        {t("heading")}
      </h2>
      <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="plain-summary">
        <dt className="font-semibold">
          <abbr title={t("lixLong")}>{t("lix")}</abbr>
        </dt>
        <dd>
          <span className="font-bold tabular-nums" data-testid="lix-value">
            {number(report.lix)}
          </span>{" "}
          <span data-testid="lix-band" className={over ? "font-semibold text-error" : undefined}>
            {t(`bands.${report.band}`)}
          </span>
          <span className="block text-sm text-muted">{t("target", { target: targetLix })}</span>
        </dd>
        <dt className="font-semibold">{t("words")}</dt>
        <dd className="tabular-nums" data-testid="word-count">
          {number(report.words)}
        </dd>
        <dt className="font-semibold">{t("sentences")}</dt>
        <dd className="tabular-nums">{number(report.sentences)}</dd>
        <dt className="font-semibold">{t("readingTime")}</dt>
        <dd data-testid="reading-time">{t("minutes", { count: report.readingMinutes })}</dd>
      </dl>

      {findings === 0 && report.words > 0 && <p data-testid="plain-none">{t("none")}</p>}

      {report.longSentences.length > 0 && (
        <>
          <h3 className="font-semibold">{t("longSentences", { max: longSentenceWords })}</h3>
          <ol className="mb-3 list-decimal pl-6" data-testid="long-sentences">
            {report.longSentences.map((s, i) => (
              <li key={i}>
                <mark className="bg-[#fff3b0]" lang={locale}>
                  {excerpt(s.text, 160)}
                </mark>{" "}
                <span className="text-sm text-muted">{t("wordCount", { count: s.words })}</span>
              </li>
            ))}
          </ol>
        </>
      )}

      {report.hardParagraphs.length > 0 && (
        <>
          <h3 className="font-semibold">{t("hardParagraphs")}</h3>
          <ul className="mb-3 list-disc pl-6" data-testid="hard-paragraphs">
            {report.hardParagraphs.map((p) => (
              <li key={p.index}>
                {t("paragraph", { number: p.index + 1, lix: number(p.lix), words: p.words })}
                {p.long && <> · {t("paragraphLong")}</>}
                <span className="block text-sm text-muted" lang={locale}>
                  {excerpt(p.sentences[0]?.text ?? "")}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}

      {report.headingIssues.length > 0 && (
        <>
          <h3 className="font-semibold">{t("headings")}</h3>
          <ul className="mb-3 list-disc pl-6" data-testid="heading-issues">
            {report.headingIssues.map((h, i) => (
              <li key={i}>
                {h.problem === "h1"
                  ? t("headingH1", { text: h.text })
                  : t("headingSkipped", { text: h.text, level: h.level, expected: h.expected })}
              </li>
            ))}
          </ul>
        </>
      )}

      {(report.vagueLinks.length > 0 || report.emptyLinks.length > 0) && (
        <>
          <h3 className="font-semibold">{t("links")}</h3>
          <ul className="mb-3 list-disc pl-6" data-testid="link-issues">
            {report.vagueLinks.map((l, i) => (
              <li key={`v${i}`}>{t("vagueLink", { text: l.text, url: excerpt(l.url, 60) })}</li>
            ))}
            {report.emptyLinks.map((l, i) => (
              <li key={`e${i}`}>{t("emptyLink", { url: excerpt(l.url, 60) })}</li>
            ))}
          </ul>
        </>
      )}

      {report.paragraphs.length > 0 && (
        <details className="mt-2">
          <summary className="cursor-pointer font-semibold">{t("showMarked")}</summary>
          <p className="text-sm text-muted">{t("markedHint")}</p>
          <div
            className="mt-1 max-h-96 overflow-auto rounded border border-line p-2"
            tabIndex={0}
            role="region"
            aria-label={t("markedText")}
            data-testid="marked-text"
            lang={locale}
          >
            {report.paragraphs.map((p) => (
              <p
                key={p.index}
                className={`mb-2 ${p.hard || p.long ? "border-l-4 border-warning pl-2" : ""}`}
                data-hard={p.hard || p.long ? "true" : undefined}
              >
                {p.sentences.map((s, i) => (
                  <span key={i}>{s.long ? <mark className="bg-[#fff3b0]">{s.text}</mark> : s.text} </span>
                ))}
              </p>
            ))}
          </div>
        </details>
      )}
    </section>
  );
}
