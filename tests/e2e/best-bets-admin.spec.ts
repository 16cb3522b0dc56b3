// Best bets from the admin to the search page and back, without JavaScript: an editor pins two items for a Danish
// term (a bad address first: the translated error, the typed values kept), the search for the term in another
// inflection lists them first under the label and not again below, and removing the term (in the Swedish admin)
// takes them away.
import { expect, test } from "@playwright/test";
import da from "../../messages/da.json" with { type: "json" };
import sv from "../../messages/sv.json" with { type: "json" };
import { createStaff, staffSession, uniqueName } from "../helpers/staff-login";

const pinnedSv = {
  path: "/sv/publikationer/samordning-for-socialt-foretagande",
  title: "Samordning för socialt företagande",
};
const pinnedDa = {
  path: "/da/cases/jammerbugt-partnerskabsaftale-socialoekonomiske-virksomheder",
  title: "Jammerbugt Kommunes partnerskabsaftale med socialøkonomiske virksomheder",
};

test("an editor pins items for a term, the search shows them first and once, and removing the term takes them away", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const email = `${uniqueName("bets")}@example.org`;
  createStaff(email, "editor");
  // Without JavaScript: every step is a plain form post.
  const page = await staffSession(browser, email, { javaScriptEnabled: false });
  const t = da.Admin.bestBets;

  await page.getByRole("link", { name: da.Admin.nav.bestBets }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(da.Admin.nav.bestBets);
  const form = page.getByTestId("best-bet-form-new");
  await form.getByLabel(t.fields.term, { exact: true }).fill("partnerskabsaftale");
  await form.getByLabel(t.fields.locale, { exact: true }).selectOption("da");
  await form.getByLabel(t.fields.item1, { exact: true }).fill(`https://example.org${pinnedSv.path}`);
  await form.getByLabel(t.fields.item2, { exact: true }).fill("/da/cases/findes-ikke");
  await form.getByRole("button", { name: da.Admin.common.save }).click();

  // The unknown address is refused with a translated message; everything typed is still there.
  const fresh = page.getByTestId("best-bet-form-new");
  await expect(fresh.getByTestId("error-summary")).toContainText(
    t.errors.unknownItem.replace("{field}", t.fields.item2),
  );
  await expect(fresh.getByLabel(t.fields.term, { exact: true })).toHaveValue("partnerskabsaftale");
  await expect(fresh.getByLabel(t.fields.item2, { exact: true })).toHaveAttribute("aria-invalid", "true");
  await fresh.getByLabel(t.fields.item2, { exact: true }).fill(pinnedDa.path);
  await fresh.getByRole("button", { name: da.Admin.common.save }).click();
  await expect(page.getByTestId("saved")).toHaveText(t.saved.replace("{term}", "partnerskabsaftale"));
  const bet = page.getByTestId("best-bet").filter({ hasText: "partnerskabsaftale" });
  await expect(bet.getByRole("link")).toHaveText([pinnedSv.title, pinnedDa.title]);

  // The public search, in another inflection of the term: the pinned items first, labelled, and not again below.
  const search = await browser.newPage();
  await search.goto(`/da/soeg?q=${encodeURIComponent("Partnerskabsaftaler")}`);
  const bets = search.getByTestId("best-bets");
  await expect(bets.getByRole("heading", { name: da.Search.bestBetsHeading })).toBeVisible();
  await expect(bets.getByTestId("search-hit").locator("h3")).toHaveText([pinnedSv.title, pinnedDa.title]);
  await expect(search.getByTestId("search-results").last().getByText(pinnedDa.title, { exact: true })).toHaveCount(0);

  // Removed from the Swedish admin.
  await page.goto("/sv/admin/best-bets");
  const swedish = page.getByTestId("best-bet").filter({ hasText: "partnerskabsaftale" });
  await swedish.locator("summary").click();
  await swedish.getByRole("button", { name: sv.Admin.bestBets.remove }).click();
  await expect(page.getByTestId("removed")).toHaveText(sv.Admin.bestBets.removed);
  await expect(page.getByTestId("best-bet").filter({ hasText: "partnerskabsaftale" })).toHaveCount(0);
  await search.reload();
  await expect(search.getByTestId("best-bets")).toHaveCount(0);
  await search.close();
});
