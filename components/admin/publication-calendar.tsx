import NextLink from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";
import { adminPath } from "@/lib/admin/paths";
import { isoWeek } from "@/lib/review/policy";

type Entry = { id: string; title: string; publishedAt: Date };

const dayKey = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen" });
const keyOf = (d: Date) => dayKey.format(d);
const utcDay = (key: string) => new Date(`${key}T12:00:00Z`);

// The publications scheduled in the coming days as a month-style calendar: a table of weeks (rows) by weekdays
// (columns), each day naming its items at their time; days outside the span are shown empty and marked so
export async function PublicationCalendar({
  locale,
  entries,
  now,
  days,
}: {
  locale: Locale;
  entries: Entry[];
  now: Date;
  days: number;
}) {
  const t = await getTranslations({ locale, namespace: "Admin.dashboard" });
  const tag = locale === "sv" ? "sv-SE" : "da-DK";
  const weekday = new Intl.DateTimeFormat(tag, { weekday: "long", timeZone: "UTC" });
  const dayName = new Intl.DateTimeFormat(tag, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
  const shortDay = new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", timeZone: "UTC" });
  const time = new Intl.DateTimeFormat(tag, { timeStyle: "short", timeZone: "Europe/Copenhagen" });

  const first = keyOf(now);
  const last = keyOf(new Date(now.getTime() + days * 86_400_000));
  const start = utcDay(first);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const end = utcDay(last);
  end.setUTCDate(end.getUTCDate() + (6 - ((end.getUTCDay() + 6) % 7)));
  const byDay = new Map<string, Entry[]>();
  for (const e of entries) byDay.set(keyOf(e.publishedAt), [...(byDay.get(keyOf(e.publishedAt)) ?? []), e]);

  const weeks: Date[][] = [];
  for (const d = new Date(start); d <= end; d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() === 1) weeks.push([]);
    weeks[weeks.length - 1]!.push(new Date(d));
  }
  return (
    <table className="w-full table-fixed border-collapse text-left text-sm" data-testid="calendar">
      <caption className="mb-1 text-left">
        {t("calendarCaption", { from: shortDay.format(utcDay(first)), to: shortDay.format(utcDay(last)) })}
      </caption>
      <thead>
        <tr>
          <th scope="col" className="w-16 border border-line p-1">
            {t("week")}
          </th>
          {weeks[0]!.map((d) => (
            <th key={d.toISOString()} scope="col" className="border border-line p-1 capitalize">
              {weekday.format(d)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]!.toISOString()}>
            <th scope="row" className="border border-line p-1 align-top">
              {isoWeek(week[0]!).slice(6)}
            </th>
            {week.map((d) => {
              const key = d.toISOString().slice(0, 10);
              const inside = key >= first && key <= last;
              const items = byDay.get(key) ?? [];
              return (
                <td
                  key={key}
                  className={`h-20 border border-line p-1 align-top ${inside ? "" : "bg-tint text-muted"}`}
                  data-day={key}
                >
                  <span className="block font-semibold">
                    <span aria-hidden="true">{d.getUTCDate()}</span>
                    <span className="sr-only">{dayName.format(d)}</span>
                    {key === first && <span className="ml-1 text-xs">({t("today")})</span>}
                  </span>
                  {inside && items.length > 0 && (
                    <ul>
                      {items.map((e) => (
                        <li key={e.id}>
                          <NextLink href={adminPath(locale, `items/${e.id}`)} prefetch={false}>
                            {time.format(e.publishedAt)} {e.title}
                          </NextLink>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
