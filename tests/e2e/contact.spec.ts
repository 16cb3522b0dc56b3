import { expect, test, type Page } from "@playwright/test";
import { loadCatalogue } from "../../lib/content/load";
import { routing } from "../../lib/i18n/routing";
import { sections } from "../../lib/catalogue/sections";
import da from "../../messages/da.json" with { type: "json" };
import sv from "../../messages/sv.json" with { type: "json" };

const messages = { da, sv } as const;
// The signed start time on the contact page and the browser's measure on item pages hold a form
// back for this long (FORM_MIN_FILL_SECONDS, 3 s by default).
const minFillMs = 3100;

async function itemWithAdviser(locale: "da" | "sv") {
  const catalogue = await loadCatalogue();
  const item = catalogue.items.find(
    (i) => i.locale === locale && i.type !== "reference" && i.data.status === "published" && i.data.adviser,
  );
  expect(item, `content/ holds no ${locale} item with an adviser`).toBeDefined();
  const adviser = catalogue.advisers.find((a) => a.slug === item!.data.adviser)!;
  const pattern = routing.pathnames[`/${sections[item!.type]}/[slug]`][locale];
  return { item: item!, adviser, path: `/${locale}${pattern.replace("[slug]", item!.slug)}` };
}

async function fillContact(page: Page, locale: "da" | "sv", fields: Partial<Record<string, string>> = {}) {
  const f = messages[locale].Contact.fields;
  const values = {
    name: "Karin Lund",
    email: "karin@example.net",
    subject: locale === "da" ? "Spørgsmål om partnerskaber" : "Fråga om partnerskap",
    message: locale === "da" ? "Hvordan kommer vi i gang?" : "Hur kommer vi igång?",
    ...fields,
  };
  await page.getByLabel(f.name, { exact: true }).fill(values.name);
  await page.getByLabel(f.email, { exact: true }).fill(values.email);
  await page.getByLabel(f.subject, { exact: true }).fill(values.subject);
  await page.getByLabel(f.message, { exact: true }).fill(values.message);
  await page.getByLabel(f.consent).check();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    for (const locale of routing.locales) {
      const t = messages[locale];
      const contactPath = `/${locale}${routing.pathnames["/contact"][locale]}`;

      test(`${locale}: the contact page lists the advisers, shows errors the GOV.UK way and gives a receipt`, async ({
        page,
      }) => {
        const catalogue = await loadCatalogue();
        await page.goto(contactPath);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.Contact.title);
        const directory = page.getByTestId("adviser-directory");
        for (const adviser of catalogue.advisers) {
          const card = directory.getByTestId(`adviser-${adviser.slug}`);
          await expect(card.getByRole("heading", { level: 3 })).toHaveText(adviser.name);
          await expect(card).toContainText(adviser.title[locale]);
          for (const language of adviser.languages) await expect(card).toContainText(t.Languages[language]);
        }

        // Nothing filled in: the summary takes focus and links to each field, each field says what is wrong.
        await page.getByRole("button", { name: t.Contact.submit }).click();
        const summary = page.getByTestId("error-summary");
        await expect(summary).toBeFocused();
        await expect(summary.getByRole("heading")).toHaveText(t.Forms.errorSummaryTitle);
        for (const [field, text] of [
          ["name", t.Contact.errors.nameRequired],
          ["email", t.Contact.errors.emailRequired],
          ["subject", t.Contact.errors.subjectRequired],
          ["message", t.Contact.errors.messageRequired],
          ["consent", t.Contact.errors.consentRequired],
        ] as const) {
          await expect(summary.getByRole("link", { name: text })).toHaveAttribute("href", `#contact-${field}`);
          const input = page.locator(`#contact-${field}`);
          await expect(input).toHaveAttribute("aria-invalid", "true");
          await expect(page.locator(`#contact-${field}-error`)).toContainText(text);
          expect(await input.getAttribute("aria-describedby")).toContain(`contact-${field}-error`);
        }
        await summary.getByRole("link", { name: t.Contact.errors.nameRequired }).click();
        if (javaScriptEnabled) await expect(page.locator("#contact-name")).toBeFocused();
        else await expect(page).toHaveURL(/#contact-name$/);

        // A bad address and a message far too long: the rest of what was typed stays.
        await fillContact(page, locale, { email: "karin@", message: "x".repeat(6000) });
        await page.getByRole("button", { name: t.Contact.submit }).click();
        await expect(summary).toBeFocused();
        await expect(summary.getByRole("link")).toHaveText([
          t.Contact.errors.emailInvalid,
          t.Forms.tooLong
            .replace("{field}", t.Contact.fields.message)
            .replace("{max, number}", (5000).toLocaleString(locale === "da" ? "da-DK" : "sv-SE")),
        ]);
        await expect(page.locator("#contact-name")).toHaveValue("Karin Lund");
        await expect(page.locator("#contact-email")).toHaveValue("karin@");

        await page.locator("#contact-email").fill("karin@example.net");
        await page.locator("#contact-message").fill(locale === "da" ? "Et kort spørgsmål 🙂" : "En kort fråga 🙂");
        await page.getByLabel(t.Contact.fields.consent).check();
        await page.waitForTimeout(minFillMs);
        await page.getByRole("button", { name: t.Contact.submit }).click();

        await expect(page).toHaveURL(new RegExp(`${routing.pathnames["/contact/receipt"][locale]}\\?ref=`));
        const fallback = catalogue.advisers.find((a) => a.defaultFor.includes(locale))!;
        await expect(page.getByTestId("reference")).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
        await expect(page.getByTestId("answered-by")).toContainText(`${fallback.name}, ${fallback.title[locale]}`);
        await expect(page.getByTestId("receipt")).not.toContainText("Et kort spørgsmål");
      });

      test(`${locale}: an item page asks the item's adviser, and the receipt names them`, async ({ page }) => {
        const { item, adviser, path } = await itemWithAdviser(locale);
        await page.goto(path);
        const section = page.getByRole("region", { name: new RegExp(adviser.name) });
        await expect(section.getByRole("heading", { level: 2 })).toContainText(adviser.name);
        await fillContact(page, locale, { subject: `${item.data.title.slice(0, 60)}` });
        // The cached page carries no start time; with JavaScript the browser measures the time spent.
        if (javaScriptEnabled) await page.waitForTimeout(minFillMs);
        await section.getByRole("button", { name: t.Contact.submit }).click();
        await expect(page).toHaveURL(new RegExp(`${routing.pathnames["/contact/receipt"][locale]}\\?ref=`));
        await expect(page.getByTestId("answered-by")).toContainText(`${adviser.name}, ${adviser.title[locale]}`);
      });

      test(`${locale}: "was this page helpful?" asks for an answer, then thanks`, async ({ page }) => {
        const { path } = await itemWithAdviser(locale);
        await page.goto(path);
        const feedback = page.getByTestId("page-feedback");
        await feedback.getByRole("button", { name: t.Feedback.submit }).click();
        const summary = feedback.getByTestId("error-summary");
        await expect(summary).toBeFocused();
        await expect(summary.getByRole("link", { name: t.Feedback.errors.helpfulRequired })).toHaveAttribute(
          "href",
          "#feedback-helpful",
        );
        await feedback.getByLabel(t.Feedback.no, { exact: true }).check();
        await feedback.getByLabel(new RegExp(t.Feedback.comment.replace("?", "\\?"))).fill("<b>Mere om økonomi</b>");
        if (javaScriptEnabled) await page.waitForTimeout(minFillMs);
        await feedback.getByRole("button", { name: t.Feedback.submit }).click();
        await expect(page.getByTestId("feedback-thanks")).toHaveText(t.Feedback.thanks);
      });
    }
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("?adviser= and ?item= preselect the adviser on the contact page", async ({ page }) => {
    await page.goto("/da/kontakt?adviser=asa-bengtsson");
    await expect(page.locator("#contact-adviser")).toHaveValue("asa-bengtsson");

    const { item, adviser, path } = await itemWithAdviser("sv");
    await page.goto(path);
    const itemId = await page.locator('#contact-form input[name="item"]').inputValue();
    await page.goto(`/sv/kontakt?item=${itemId}`);
    await expect(page.getByTestId("contact-item")).toContainText(item.data.title);
    await expect(page.locator("#contact-adviser")).toHaveValue(adviser.slug);
  });

  test("a receipt address that was guessed shows nothing", async ({ page }) => {
    await page.goto("/da/kontakt/kvittering?ref=AAAA-BBBB-CCCC-DDDD");
    await expect(page.getByTestId("receipt")).toHaveCount(0);
    await expect(page.getByText(da.Contact.receipt.notFound)).toBeVisible();
  });
});
