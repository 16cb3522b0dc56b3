// A glossary word whose counterpart is not yet known: an editor saves a Swedish word with no Danish one, the admin's
// glossary lists it as used in Swedish texts and waiting for its Danish word, the public glossary says so, and Danish
// readers of the text get no empty hint. The term is deleted again at the end.
import { expect, test } from "@playwright/test";
import da from "../../messages/da.json" with { type: "json" };
import { axeViolations } from "../helpers/axe";
import { createStaff, staffSession, typeInto, uniqueName } from "../helpers/staff-login";

const records = da.Admin.records;

test("a word without a counterpart is listed in the admin, shown as waiting on the glossary, and hints nothing", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const email = `${uniqueName("glossary")}@example.org`;
  createStaff(email, "editor");
  const page = await staffSession(browser, email);
  const slug = `tyreso-${uniqueName("g").replace(/[^a-z0-9]+/g, "-")}`;

  // Neither word: refused, with the reason
  await page.goto("/da/admin/glossary");
  const create = page.getByTestId("record-form-new");
  await typeInto(page, records.fields.slug, create, slug);
  await typeInto(page, records.fields.explanationSv, create, "En kommun i Stockholms län.");
  await create.getByRole("button", { name: da.Admin.common.create }).click();
  await expect(page.getByTestId("error-summary")).toContainText(da.Admin.errors.oneTerm);

  // The Swedish word alone (a place named in a Swedish case): saved
  const form = page.getByTestId("record-form-new");
  await typeInto(page, records.fields.termSv, form, "Tyresö");
  await form.getByRole("button", { name: da.Admin.common.create }).click();
  await expect(page.getByTestId("saved")).toBeVisible();

  await page.goto("/da/admin/glossary");
  const recordId = (await page
    .locator("li[id^=record-]")
    .filter({ has: page.getByTestId("record").filter({ hasText: `(${slug})` }) })
    .getAttribute("id"))!;
  const waiting = page
    .getByTestId("without-counterpart")
    .locator("li")
    .filter({
      has: page.locator(`a[href="#${recordId}"]`),
    });
  await expect(waiting).toHaveText(/^Tyresö bruges i [1-9]\d* tekst(er)? på svensk$/);
  expect(await axeViolations(page)).toEqual([]);

  // The public glossary: the Danish side waits; a Danish reader of the case sees no mark for the word
  const reader = await browser.newPage();
  await expect
    .poll(async () => {
      await reader.goto("/da/ordliste");
      return reader.locator(`[id="${slug}"] [data-testid="no-term"]`).count();
    })
    .toBe(1);
  await expect(reader.locator(`[id="${slug}"] [data-testid="no-term"]`)).toHaveText("Intet dansk ord endnu");
  await reader.goto("/da/cases/samordningsforbundet-ostra-sodertorn-sociala-foretag");
  await expect(reader.locator("article")).toContainText("Tyresö");
  await expect(reader.locator(`a.gloss[data-gloss="${slug}"]`)).toHaveCount(0);
  await reader.close();

  // Deleted again
  await page.goto("/da/admin/glossary");
  await page
    .locator(`li[id="${recordId}"]`)
    .getByRole("link", { name: da.Admin.deleteRecord.delete.replace("{label}", "Tyresö") })
    .click();
  await page.getByRole("button", { name: da.Admin.deleteRecord.confirm }).click();
  await expect(page.getByTestId("deleted")).toBeVisible();
  await page.context().close();
});
