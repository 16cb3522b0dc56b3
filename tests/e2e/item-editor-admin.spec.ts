// The item editor as an editor uses it: a case with two organisations in different roles and three key figures, a
// topic and a related item picked by searching, all without typing any syntax; by keyboard with JavaScript, and the
// same round trips without it. The public page shows what was entered, and axe finds nothing on the editor.
import { expect, test, type Locator } from "@playwright/test";
import da from "../../messages/da.json" with { type: "json" };
import sv from "../../messages/sv.json" with { type: "json" };
import { axeViolations } from "../helpers/axe";
import { makePdf } from "../helpers/pdf";
import { createStaff, staffSession, uniqueName } from "../helpers/staff-login";

// The visible choices of a select, placeholder left out
async function choices(select: Locator): Promise<string[]> {
  return (await select.locator("option").allTextContents()).slice(1);
}

// Choose an option of a select and see it chosen
async function choose(select: Locator, label: string) {
  await select.selectOption({ label });
  await expect(select.locator("option:checked")).toHaveText(label);
}

test.describe("the item editor", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  test("with JavaScript, by keyboard (da): organisations in roles, key figures, a picked topic and related item, published", async ({
    browser,
  }) => {
    const t = da.Admin.editor;
    const email = `${uniqueName("editor-rows")}@example.org`;
    createStaff(email, "editor");
    const page = await staffSession(browser, email);
    page.on("dialog", (d) => void d.accept());
    const title = `Kommunal case ${uniqueName("rk")}`;
    await page.goto("/da/admin/items/new");
    await page.getByLabel(t.type, { exact: true }).selectOption({ label: da.ItemTypes.case });
    await page.getByLabel(t.title, { exact: true }).fill(title);
    await page.getByLabel(t.summary).fill("Et resumé af casen.");
    await page.getByLabel(t.body).fill("## Baggrund\n\nKommunen købte ydelser hos en socialøkonomisk virksomhed.");

    // The preview is the public page's header and body, with the public classes
    const preview = page.getByTestId("preview");
    await expect(preview.getByTestId("preview-title")).toHaveText(title);
    await expect(preview.locator(".prose-body h2")).toHaveText("Baggrund");
    await expect(preview).toContainText(da.ItemTypes.case);
    // As Swedish readers will see it: the glossary's words marked, with their Swedish counterparts
    await page.getByLabel(t.previewHintsDa).check();
    const previewMark = preview.locator('a.gloss[data-gloss="socialoekonomisk-virksomhed"]');
    await expect(previewMark).toHaveText("socialøkonomisk virksomhed");
    await expect(previewMark).toHaveAccessibleDescription(`${sv.ItemPage.termCounterpart} socialt företag`);
    await page.getByLabel(t.previewHintsDa).uncheck();
    await expect(preview.locator("a.gloss")).toHaveCount(0);

    // Two organisations in two roles: the second row comes from the add button, and the focus goes into it
    const organisations = page.getByTestId("rows-organisations");
    const row = (n: number) => organisations.getByRole("group", { name: t.organisationRow.replace("{n}", String(n)) });
    const orgNames = await choices(row(1).getByLabel(t.organisation, { exact: true }));
    expect(orgNames.length).toBeGreaterThan(1);
    await choose(row(1).getByLabel(t.organisation, { exact: true }), orgNames[0]!);
    await choose(row(1).getByLabel(t.role, { exact: true }), da.ItemPage.roles.publisher);
    await organisations.getByRole("button", { name: t.addOrganisation }).focus();
    await page.keyboard.press("Enter");
    await expect(row(2).getByLabel(t.organisation, { exact: true })).toBeFocused();
    await choose(row(2).getByLabel(t.organisation, { exact: true }), orgNames[1]!);
    await choose(row(2).getByLabel(t.role, { exact: true }), da.ItemPage.roles.partner);

    // Three key figures, one row removed again on the way
    const figures = page.getByTestId("rows-keyFigures");
    const figure = (n: number) => figures.getByRole("group", { name: t.keyFigureRow.replace("{n}", String(n)) });
    const typed = [
      ["Medarbejdere", "42"],
      ["Andel | heraf i fleksjob", "60 %"],
      ["Kontraktsum", "1,2 mio. kr."],
    ];
    for (const [i, [label, value]] of typed.entries()) {
      if (i > 0) {
        await figures.getByRole("button", { name: t.addKeyFigure }).focus();
        await page.keyboard.press("Enter");
      }
      if (i > 0) await expect(figure(i + 1).getByLabel(t.keyFigureLabel)).toBeFocused();
      await figure(i + 1)
        .getByLabel(t.keyFigureLabel)
        .fill(label!);
      await figure(i + 1)
        .getByLabel(t.keyFigureValue)
        .fill(value!);
    }
    await figures.getByRole("button", { name: t.addKeyFigure }).click();
    await figure(4).getByLabel(t.keyFigureLabel).fill("Fejl");
    await figure(4)
      .getByRole("button", { name: `${t.removeRow}: ${t.keyFigureRow.replace("{n}", "4")}` })
      .click();
    await expect(figure(4)).toHaveCount(0);

    // A topic and a related item found by typing, chosen with the arrow keys and Enter
    const topicSearch = page.getByRole("combobox", { name: t.pick.search.replace("{field}", t.topics), exact: true });
    const topicPicker = page.getByTestId("picker-topicIds");
    await topicSearch.focus();
    await page.keyboard.type("soc");
    const topicOption = topicPicker.getByRole("listbox").getByRole("option").first();
    await expect(topicOption).toBeVisible();
    const topicName = (await topicOption.textContent())!;
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(topicPicker.getByRole("checkbox", { name: topicName })).toBeChecked();
    await expect(topicSearch).toHaveValue("");

    const relatedSearch = page.getByRole("combobox", {
      name: t.pick.search.replace("{field}", t.related),
      exact: true,
    });
    await relatedSearch.focus();
    await page.keyboard.type("jammerbugt");
    await expect(page.getByTestId("picker-relatedIds").getByRole("listbox").getByRole("option").first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    const related = page.getByTestId("picker-relatedIds").getByRole("checkbox", { checked: true });
    await expect(related).toHaveCount(1);
    const relatedName = (await related.locator("xpath=..").textContent())!.trim();

    await page.getByRole("button", { name: t.publish, exact: true }).click();
    await expect(page).toHaveURL(/\/da\/admin\/items\/[0-9a-f-]{36}\?created=1$/);

    // Back from the server: three key figures (the "|" kept) and two organisations, in their order, one empty row each
    await expect(figures.getByRole("group")).toHaveCount(4);
    for (const [i, [label, value]] of typed.entries()) {
      await expect(figure(i + 1).getByLabel(t.keyFigureLabel)).toHaveValue(label!);
      await expect(figure(i + 1).getByLabel(t.keyFigureValue)).toHaveValue(value!);
    }
    await expect(row(2).getByLabel(t.role, { exact: true }).locator("option:checked")).toHaveText(
      da.ItemPage.roles.partner,
    );
    await expect(page.getByTestId("picker-topicIds").getByRole("checkbox", { name: topicName })).toBeChecked();
    await expect(page.getByTestId("picker-relatedIds").getByRole("checkbox", { name: relatedName })).toBeChecked();
    expect(await axeViolations(page)).toEqual([]);

    // "View on site" opens the public page, which shows them all
    const publicPath = await page.getByTestId("view-on-site").getAttribute("href");
    expect(publicPath).toMatch(/^\/da\/cases\//);
    const reader = await browser.newPage();
    await expect
      .poll(async () => (await reader.goto(publicPath!))?.status(), { timeout: 5_000, intervals: [250] })
      .toBe(200);
    const facts = reader.locator("aside").filter({ hasText: da.ItemPage.keyFigures });
    await expect(facts).toContainText(`${da.ItemPage.roles.publisher}${orgNames[0]}`);
    await expect(facts).toContainText(`${da.ItemPage.roles.partner}${orgNames[1]}`);
    for (const [label, value] of typed) await expect(facts).toContainText(`${value}${label}`);
    await reader.close();
    await page.context().close();
  });

  test("without JavaScript (sv): a row added by the server, a half row refused and kept, a topic found and ticked", async ({
    browser,
  }) => {
    const t = sv.Admin.editor;
    const email = `${uniqueName("editor-nojs")}@example.org`;
    createStaff(email, "editor");
    const page = await staffSession(browser, email, { javaScriptEnabled: false });
    await page.goto("/sv/admin/items/new");
    const title = `Fall utan skript ${uniqueName("nj")}`;
    await page.getByLabel(t.title, { exact: true }).fill(title);
    await page.getByLabel(t.summary).fill("En sammanfattning.");

    const organisations = page.getByTestId("rows-organisations");
    const row = (n: number) => organisations.getByRole("group", { name: t.organisationRow.replace("{n}", String(n)) });
    const orgNames = await choices(row(1).getByLabel(t.organisation, { exact: true }));
    await row(1).getByLabel(t.organisation, { exact: true }).selectOption({ label: orgNames[0]! });
    await row(1).getByLabel(t.role, { exact: true }).selectOption({ label: sv.ItemPage.roles.author });
    // One empty row is always there; "add" asks the server for another and keeps what was chosen
    await expect(organisations.getByRole("group")).toHaveCount(1);
    await organisations.getByRole("button", { name: t.addOrganisation }).click();
    await expect(organisations.getByRole("group")).toHaveCount(3);
    await expect(row(1).getByLabel(t.organisation, { exact: true }).locator("option:checked")).toHaveText(orgNames[0]!);
    await expect(page.getByLabel(t.title, { exact: true })).toHaveValue(title);
    await row(2).getByLabel(t.organisation, { exact: true }).selectOption({ label: orgNames[1]! });
    await row(2).getByLabel(t.role, { exact: true }).selectOption({ label: sv.ItemPage.roles.funder });

    // The topic picker's search is a field and a button; what it finds comes back as boxes to tick
    await page.getByRole("textbox", { name: t.pick.search.replace("{field}", t.topics), exact: true }).fill("social");
    await page
      .getByTestId("picker-topicIds")
      .getByRole("button", { name: new RegExp(`^${t.pick.button}`) })
      .click();
    const found = page.getByTestId("picker-topicIds-found").getByRole("checkbox");
    await expect(found.first()).toBeVisible();
    const topicName = (await found.first().locator("xpath=..").textContent())!.trim();
    await found.first().check();

    // A key figure with a label and no value is refused, named in the summary, and kept
    const figures = page.getByTestId("rows-keyFigures");
    await figures.getByRole("group").first().getByLabel(t.keyFigureLabel).fill("Anställda");
    await page.getByRole("button", { name: t.saveDraft, exact: true }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText(sv.Admin.errors.keyFigures.replace("{field}", t.keyFigures));
    await expect(figures.getByRole("group").first().getByLabel(t.keyFigureLabel)).toHaveValue("Anställda");
    // The missing half is the field marked invalid
    await expect(figures.getByRole("group").first().getByLabel(t.keyFigureValue)).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expect(figures.getByRole("group").first().getByLabel(t.keyFigureLabel)).not.toHaveAttribute("aria-invalid");
    await expect(page.getByTestId("picker-topicIds").getByRole("checkbox", { name: topicName })).toBeChecked();
    await expect(row(2).getByLabel(t.role, { exact: true }).locator("option:checked")).toHaveText(
      sv.ItemPage.roles.funder,
    );

    await figures.getByRole("group").first().getByLabel(t.keyFigureValue).fill("12");
    await page.getByRole("button", { name: t.saveDraft, exact: true }).click();
    await expect(page).toHaveURL(/\/sv\/admin\/items\/[0-9a-f-]{36}\?created=1$/);
    await expect(figures.getByRole("group").first().getByLabel(t.keyFigureValue)).toHaveValue("12");
    await expect(row(1).getByLabel(t.role, { exact: true }).locator("option:checked")).toHaveText(
      sv.ItemPage.roles.author,
    );
    await expect(row(2).getByLabel(t.organisation, { exact: true }).locator("option:checked")).toHaveText(orgNames[1]!);
    await expect(page.getByTestId("picker-topicIds").getByRole("checkbox", { name: topicName })).toBeChecked();
    await page.context().close();
  });

  test("without JavaScript (da): an attachment's title is changed in its own field, and an empty one is refused", async ({
    browser,
  }) => {
    const t = da.Admin.editor;
    const email = `${uniqueName("editor-files")}@example.org`;
    createStaff(email, "editor");
    const page = await staffSession(browser, email, { javaScriptEnabled: false });
    await page.goto("/da/admin/items/new");
    await page.getByLabel(t.title, { exact: true }).fill(`Rapport ${uniqueName("a")}`);
    await page.getByLabel(t.summary).fill("Et resumé.");
    await page.getByRole("button", { name: t.publish, exact: true }).click();
    await expect(page).toHaveURL(/created=1/);
    await page.getByLabel(t.uploadTitle).fill("Bilag 1");
    await page.getByLabel(t.uploadFile.replace("{mb}", "20")).setInputFiles({
      name: "bilag.pdf",
      mimeType: "application/pdf",
      buffer: makePdf(["Side et"]),
    });
    await page.getByRole("button", { name: t.uploadSubmit }).click();
    await expect(page.getByTestId("upload-result")).toHaveText(t.uploaded);

    const field = page.getByLabel(t.attachmentTitle.replace("{file}", "bilag.pdf"));
    await expect(field).toHaveValue("Bilag 1");
    await field.fill("   ");
    await page.getByRole("button", { name: t.attachmentRename }).click();
    await expect(page.getByTestId("upload-result")).toHaveText(t.attachmentTitleMissing);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveValue("Bilag 1");

    await field.fill("Evaluering af projektet");
    await page.getByRole("button", { name: t.attachmentRename }).click();
    await expect(page.getByTestId("upload-result")).toHaveText(t.attachmentRenamed);
    await expect(field).toHaveValue("Evaluering af projektet");

    const publicPath = await page.getByTestId("view-on-site").getAttribute("href");
    const reader = await browser.newPage();
    await expect
      .poll(async () => {
        await reader.goto(publicPath!);
        return reader.getByRole("link", { name: "Evaluering af projektet" }).count();
      })
      .toBe(1);
    await reader.close();
    await page.context().close();
  });
});
