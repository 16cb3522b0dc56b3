// Searchable PDFs end to end: an editor uploads a PDF (made here, three pages) to a published item, the item's page in
// the admin shows its text being read and then searchable, and a visitor's search for a word only on the PDF's second
// page finds the item with the note naming the PDF and the page, in Danish and in Swedish. A PDF without text is
// shown as failed with its reason and a retry.
import { expect, test } from "@playwright/test";
import da from "../../messages/da.json" with { type: "json" };
import sv from "../../messages/sv.json" with { type: "json" };
import { axeViolations } from "../helpers/axe";
import { makePdf } from "../helpers/pdf";
import { createStaff, staffSession, uniqueName } from "../helpers/staff-login";

test("an uploaded PDF's words find its item, with the PDF and page named; a PDF without text is flagged", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const email = `${uniqueName("pdf-text")}@example.org`;
  createStaff(email, "editor");
  const page = await staffSession(browser, email);
  const t = da.Admin.editor;
  // A word no item of content/ holds, which both stemmers leave as it is (consonant and vowel in turn, ending in x).
  const syllable = () => "bdkpt"[Math.floor(Math.random() * 5)]! + "aou"[Math.floor(Math.random() * 3)]!;
  const word = `zorb${Array.from({ length: 5 }, syllable).join("")}x`;

  await page.goto("/da/admin/items/new");
  await page.getByLabel(t.title, { exact: true }).fill(`Rapport med bilag ${uniqueName("r")}`);
  await page.getByLabel(t.summary).fill("Et resumé uden det søgte ord.");
  await page.getByRole("button", { name: t.publish, exact: true }).click();
  await expect(page).toHaveURL(/created=1/);

  const fileLabel = t.uploadFile.replace("{mb}", "20");
  await page.getByLabel(t.uploadTitle).fill("Evaluering 2025");
  await page.getByLabel(fileLabel).setInputFiles({
    name: "evaluering.pdf",
    mimeType: "application/pdf",
    buffer: makePdf(["Indledning", `Her står ordet ${word} midt i teksten`, "Afslutning"]),
  });
  await page.getByRole("button", { name: t.uploadSubmit }).click();
  await expect(page.getByTestId("upload-result")).toHaveText(t.uploaded);
  const editorUrl = page.url();

  // The text is read in the background: the item's page shows it searchable once done.
  const attachment = page.getByTestId("attachment");
  await expect
    .poll(
      async () => {
        await page.goto(editorUrl);
        return attachment.getAttribute("data-text-status");
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe("done");
  await expect(attachment.getByTestId("attachment-text")).toHaveText("Søgbar: tekst fra 3 sider.");

  // A PDF of images only: flagged with its reason, and a retry offered.
  await page.getByLabel(t.uploadTitle).fill("Scannet brev");
  await page.getByLabel(fileLabel).setInputFiles({
    name: "scannet.pdf",
    mimeType: "application/pdf",
    buffer: makePdf(["", ""], { image: true }),
  });
  await page.getByRole("button", { name: t.uploadSubmit }).click();
  await expect(page.getByTestId("upload-result")).toHaveText(t.uploaded);
  const scanned = page.getByTestId("attachment").filter({ hasText: "Scannet brev" });
  await expect
    .poll(
      async () => {
        await page.goto(editorUrl);
        return scanned.getAttribute("data-text-status");
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe("failed");
  await expect(scanned.getByTestId("attachment-text")).toHaveText(
    t.textFailed.replace("{reason}", t.textReasons.noText),
  );
  await scanned.getByRole("button", { name: t.retryText }).click();
  await expect(page.getByTestId("upload-result")).toHaveText(t.retried);
  expect(await axeViolations(page)).toEqual([]);

  // The visitor's search, in both languages.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/da/soeg?q=${word}`);
  const hit = visitor.getByTestId("search-hit");
  await expect(hit).toHaveCount(1);
  await expect(hit.getByTestId("search-hit-pdf")).toContainText("Fundet i PDF'en «Evaluering 2025», side 2");
  await expect(hit.getByTestId("search-hit-pdf").locator("mark")).toHaveText(word);
  expect(await axeViolations(visitor)).toEqual([]);
  await visitor.goto(`/sv/sok?q=${word}`);
  await expect(visitor.getByTestId("search-hit-pdf")).toContainText(
    sv.Search.foundInPdf.replace("{title}", "Evaluering 2025").replace("{page}", "2"),
  );
});
