// The accessibility check every browser test runs: axe-core with the WCAG 2.2 AA and best-practice rules, one line per
// rule broken, naming the elements. Next streams a page's metadata after its body, so the check waits for the page's
// title first (a page that never gets one fails here, as it should).
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export async function axeViolations(page: Page): Promise<string[]> {
  await expect(page, `${page.url()} has a title`).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
