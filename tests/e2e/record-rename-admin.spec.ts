// Renaming a topic from the keyboard: an admin makes a topic, gives it a new name and address, and the old address
// leads permanently (308) to the topic's new page in both languages, as does a listing filtered by the old address.
// The topic is deleted again at the end, so the catalogue is as it was.
import { expect, test } from "@playwright/test";
import da from "../../messages/da.json" with { type: "json" };
import { axeViolations } from "../helpers/axe";
import { createStaff, staffSession, typeInto, uniqueName } from "../helpers/staff-login";

const records = da.Admin.records;

// One after the other: both work on the list pages of the admin.
test.describe.configure({ mode: "default" });

test("an admin renames a topic by keyboard and its old address leads to the new page in both languages", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const email = `${uniqueName("rename")}@example.org`;
  createStaff(email, "admin");
  const page = await staffSession(browser, email);
  const id = uniqueName("x").replace(/[^a-z0-9]+/g, "-");
  const oldSlug = `emne-${id}`;
  const newSlug = `nyt-emne-${id}`;

  // A topic of the test's own, made from the keyboard.
  await page.goto("/da/admin/topics");
  const create = page.getByTestId("record-form-new");
  await typeInto(page, records.fields.slug, create, oldSlug);
  await typeInto(page, records.fields.nameDa, create, `Gammelt emne ${id}`);
  await typeInto(page, records.fields.nameSv, create, `Gammalt ämne ${id}`);
  await page.keyboard.press("Enter"); // Enter in a text field submits its form
  await expect(page.getByTestId("saved")).toHaveText(
    records.saved.replace("{label}", `Gammelt emne ${id} / Gammalt ämne ${id}`),
  );

  // Open the topic's form from its summary (closed on a fresh list) and rename it: name and address.
  await page.goto("/da/admin/topics");
  const record = page.getByTestId("record").filter({ hasText: `(${oldSlug})` });
  await record.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(record.getByLabel(records.fields.slug, { exact: true })).toHaveValue(oldSlug);
  await expect(record.getByText(records.hints.slugRename)).toBeVisible();
  await typeInto(page, records.fields.slug, record, newSlug);
  await typeInto(page, records.fields.nameDa, record, `Nyt emne ${id}`);
  await typeInto(page, records.fields.nameSv, record, `Nytt ämne ${id}`);
  await page.keyboard.press("Enter");
  const saved = page.getByTestId("saved");
  await expect(saved).toContainText(records.saved.replace("{label}", `Nyt emne ${id} / Nytt ämne ${id}`));
  await expect(saved).toContainText(records.renamed.replace("{from}", oldSlug).replace("{to}", newSlug));
  await expect(page.getByTestId("record").filter({ hasText: `(${newSlug})` })).toHaveCount(1);
  await expect(page.getByTestId("record").filter({ hasText: `(${oldSlug})` })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);

  // The old address answers 308 with the new one, in each language, and a browser lands on the renamed page.
  const visitor = await (await browser.newContext()).newPage();
  for (const [from, to, name] of [
    [`/da/emner/${oldSlug}`, `/da/emner/${newSlug}`, `Nyt emne ${id}`],
    [`/sv/amnen/${oldSlug}`, `/sv/amnen/${newSlug}`, `Nytt ämne ${id}`],
    [`/da/artikler?topic=${oldSlug}`, `/da/artikler?topic=${newSlug}`, null],
    [`/sv/amnen/${oldSlug}?year=2024`, `/sv/amnen/${newSlug}?year=2024`, `Nytt ämne ${id}`],
  ] as const) {
    const answer = await visitor.request.get(from, { maxRedirects: 0 });
    expect(answer.status(), from).toBe(308);
    const location = new URL(answer.headers()["location"]!, "http://localhost");
    expect(`${location.pathname}${location.search}`, from).toBe(to);
    await visitor.goto(from);
    expect(new URL(visitor.url()).pathname, from).toBe(to.split("?")[0]);
    if (name) await expect(visitor.getByRole("heading", { level: 1 }), from).toHaveText(name);
  }
  expect(await axeViolations(visitor)).toEqual([]);
  // A search filtered by the topic, and a topic's feed, likewise.
  for (const from of [`/da/soeg?q=udbud&topic=${oldSlug}`, `/sv/atom.xml?topic=${oldSlug}`]) {
    const answer = await visitor.request.get(from, { maxRedirects: 0 });
    expect(answer.status(), from).toBe(308);
    const location = new URL(answer.headers()["location"]!, "http://localhost");
    expect(location.pathname, from).toBe(from.split("?")[0]);
    expect(location.searchParams.get("topic"), from).toBe(newSlug);
  }
  // The new address is the topic's own: no redirect.
  expect((await visitor.request.get(`/da/emner/${newSlug}`, { maxRedirects: 0 })).status()).toBe(200);

  // The audit log names the rename.
  await page.goto("/da/admin/audit");
  await expect(page.getByText("topics.rename").first()).toBeVisible();

  // Delete it again: its old address then leads nowhere.
  await page.goto("/da/admin/topics");
  await page
    .getByRole("link", { name: da.Admin.deleteRecord.delete.replace("{label}", `Nyt emne ${id} / Nytt ämne ${id}`) })
    .click();
  await page.getByRole("button", { name: da.Admin.deleteRecord.confirm }).click();
  await expect(page.getByTestId("deleted")).toBeVisible();
  expect((await visitor.request.get(`/da/emner/${oldSlug}`, { maxRedirects: 0 })).status()).toBe(404);
});

test("an editor renames a glossary term and an adviser: the old anchor lands on the entry, the old contact address leads on", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const email = `${uniqueName("rename-ed")}@example.org`;
  createStaff(email, "editor");
  const page = await staffSession(browser, email);
  const id = uniqueName("y").replace(/[^a-z0-9]+/g, "-");
  const visitor = await (await browser.newContext()).newPage();

  // A glossary term of the test's own, then renamed.
  await page.goto("/da/admin/glossary");
  const term = page.getByTestId("record-form-new");
  await term.getByLabel(records.fields.slug, { exact: true }).fill(`ord-${id}`);
  await term.getByLabel(records.fields.termDa, { exact: true }).fill(`Testord ${id}`);
  await term.getByLabel(records.fields.termSv, { exact: true }).fill(`Provord ${id}`);
  await term.getByLabel(records.fields.explanationDa, { exact: true }).fill("En forklaring.");
  await term.getByLabel(records.fields.explanationSv, { exact: true }).fill("En förklaring.");
  await term.getByRole("button", { name: da.Admin.common.create }).click();
  await expect(page.getByTestId("saved")).toBeVisible();
  const savedTerm = page.getByTestId("record").filter({ hasText: `(ord-${id})` });
  await savedTerm.getByLabel(records.fields.slug, { exact: true }).fill(`nyt-ord-${id}`);
  await savedTerm.getByRole("button", { name: da.Admin.common.save }).click();
  await expect(page.getByTestId("saved")).toContainText(
    records.renamed.replace("{from}", `ord-${id}`).replace("{to}", `nyt-ord-${id}`),
  );

  // The glossary in each language: the entry is at its new anchor, and the old one is a target inside it.
  for (const path of ["/da/ordliste", "/sv/ordlista"]) {
    await visitor.goto(`${path}#ord-${id}`);
    const entry = visitor.locator(`li[id="nyt-ord-${id}"]`);
    await expect(entry.locator(`[id="ord-${id}"]`), path).toHaveCount(1);
    await expect(entry.getByTestId("term").first(), path).toBeInViewport();
  }
  expect(await axeViolations(visitor)).toEqual([]);

  // An adviser of the test's own, renamed: the contact page's old address leads to it under the new one.
  await page.goto("/da/admin/advisers");
  const adviser = page.getByTestId("record-form-new");
  await adviser.getByLabel(records.fields.slug, { exact: true }).fill(`raadgiver-${id}`);
  await adviser.getByLabel(records.fields.name, { exact: true }).fill(`Rådgiver ${id}`);
  await adviser.getByLabel(records.fields.titleDa, { exact: true }).fill("Konsulent");
  await adviser.getByLabel(records.fields.titleSv, { exact: true }).fill("Konsult");
  await adviser.getByLabel(records.fields.email, { exact: true }).fill(`${id}@example.org`);
  await adviser
    .getByRole("group", { name: records.fields.languages, exact: true })
    .getByLabel(records.options.locales.da)
    .check();
  await adviser.getByRole("button", { name: da.Admin.common.create }).click();
  await expect(page.getByTestId("saved")).toBeVisible();
  const savedAdviser = page.getByTestId("record").filter({ hasText: `(raadgiver-${id})` });
  await savedAdviser.getByLabel(records.fields.slug, { exact: true }).fill(`ny-raadgiver-${id}`);
  await savedAdviser.getByRole("button", { name: da.Admin.common.save }).click();
  await expect(page.getByTestId("saved")).toContainText(
    records.renamed.replace("{from}", `raadgiver-${id}`).replace("{to}", `ny-raadgiver-${id}`),
  );
  for (const [from, to] of [
    [`/da/kontakt?adviser=raadgiver-${id}`, `/da/kontakt?adviser=ny-raadgiver-${id}`],
    [`/sv/kontakt?adviser=raadgiver-${id}`, `/sv/kontakt?adviser=ny-raadgiver-${id}`],
  ] as const) {
    const answer = await visitor.request.get(from, { maxRedirects: 0 });
    expect(answer.status(), from).toBe(308);
    const location = new URL(answer.headers()["location"]!, "http://localhost");
    expect(`${location.pathname}${location.search}`, from).toBe(to);
  }
  await visitor.goto(`/da/kontakt?adviser=raadgiver-${id}`);
  await expect(visitor.getByLabel(da.Contact.fields.adviser)).toHaveValue(`ny-raadgiver-${id}`);

  // Both deleted again.
  for (const [kind, label] of [
    ["glossary", `Testord ${id} / Provord ${id}`],
    ["advisers", `Rådgiver ${id}`],
  ] as const) {
    await page.goto(`/da/admin/${kind}`);
    await page.getByRole("link", { name: da.Admin.deleteRecord.delete.replace("{label}", label) }).click();
    await page.getByRole("button", { name: da.Admin.deleteRecord.confirm }).click();
    await expect(page.getByTestId("deleted")).toBeVisible();
  }
});
