// ts_headline marks hits with two private-use characters; here they become text segments, so that the
// page renders highlights as <mark> elements around escaped text and never as HTML from the database.
export const START_MARK = "\uE000";
export const STOP_MARK = "\uE001";

export type Segment = { text: string; hit: boolean };

// Split a headline into plain and highlighted segments; stray markers are dropped
export function toSegments(headline: string): Segment[] {
  const segments: Segment[] = [];
  const push = (text: string, hit: boolean) => {
    const clean = text.replace(/[\uE000\uE001]/g, "");
    if (!clean) return;
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += clean;
    else segments.push({ text: clean, hit });
  };
  const pattern = /\uE000([^\uE000\uE001]*)\uE001/g;
  let at = 0;
  for (const match of headline.matchAll(pattern)) {
    push(headline.slice(at, match.index), false);
    push(match[1] ?? "", true);
    at = match.index + match[0].length;
  }
  push(headline.slice(at), false);
  return segments;
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

// The same headline as safe HTML: everything escaped, then hits wrapped in <mark>
export function toHtml(segments: Segment[]): string {
  return segments
    .map(({ text, hit }) => {
      const escaped = text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
      return hit ? `<mark>${escaped}</mark>` : escaped;
    })
    .join("");
}
