import { expect, test } from "@playwright/test";

// Each seed document's key facts, as a reader finds them on the rendered item pages.
const seeds: { seed: string; path: string; facts: (string | RegExp)[] }[] = [
  {
    seed: "000 experience report (da)",
    path: "/da/publikationer/erfaringsopsamling-pulje-kommuner-og-socialoekonomiske-virksomheder",
    facts: [
      "17 kommuner",
      "2015",
      "2016",
      "Cabi",
      "Vækstcenter for socialøkonomiske virksomheder",
      /STAR|Styrelsen for Arbejdsmarked og Rekruttering/,
      "Jesper",
      "Cabis oversigt over publikationer",
    ],
  },
  {
    seed: "001 good examples (sv)",
    path: "/sv/artiklar/goda-exempel-samverkan-med-arbetsintegrerande-sociala-foretag",
    facts: [
      "1 oktober 2019",
      "Åsa Bengtsson",
      "Utredare",
      "Östra Södertörn",
      "Vänersborg",
      "Söderhamn",
      "Karlskrona",
      "Clean Car Service",
    ],
  },
  {
    seed: "001 case: Samordningsförbundet Östra Södertörn (sv)",
    path: "/sv/fall/samordningsforbundet-ostra-sodertorn-sociala-foretag",
    facts: ["Samordningsförbundet Östra Södertörn", "2011", /nio|9/],
  },
  {
    seed: "001 case: reserved procurement (sv)",
    path: "/sv/fall/reserverad-upphandling-vanersborg-och-soderhamn",
    facts: ["Vänersborg", "Söderhamn", /reserverad/i],
  },
  {
    seed: "001 case: municipal spin-offs (sv)",
    path: "/sv/fall/kommunala-avknoppningar-karlskrona",
    facts: ["KASAK", "CooPartner", "Karlskrona"],
  },
  {
    seed: "001 case: Clean Car Service (sv)",
    path: "/sv/fall/clean-car-service-goteborg",
    facts: ["1 mars 2018", "Volvo Cars", "Vägen ut!", /Göteborg/],
  },
  {
    seed: "001 good examples (da)",
    path: "/da/artikler/gode-eksempler-samarbejde-med-arbejdsmarkedsintegrerende-socialoekonomiske-virksomheder",
    facts: [
      "1. oktober 2019",
      "Åsa Bengtsson",
      "Östra Södertörn",
      "Vänersborg",
      "Söderhamn",
      "Karlskrona",
      "Clean Car Service",
    ],
  },
  {
    seed: "001 case: reserved procurement (da)",
    path: "/da/cases/reserverede-kontrakter-vaenersborg-og-soederhamn",
    facts: ["Vänersborg", "Söderhamn", "Tillväxtverket", /reserverede kontrakter/i],
  },
  {
    seed: "001 case: municipal spin-offs (da)",
    path: "/da/cases/kommunale-udskillelser-karlskrona",
    facts: ["KASAK", "CooPartner", "Karlskrona"],
  },
  {
    seed: "002 SKR development network (sv)",
    path: "/sv/projekt/skr-utvecklingsnatverk-sociala-foretag",
    facts: [
      "SKR",
      /tolv|12/,
      /Europeiska socialfonden/i,
      "Uddevalla kommun",
      "januari 2021 till december 2022",
      /14\s662\s758\skr/,
      /slutrapport/i,
    ],
  },
  {
    seed: "003 pre-study (sv)",
    path: "/sv/publikationer/samordning-for-socialt-foretagande",
    facts: [
      "Samordning för socialt företagande",
      "Coompanion Stockholm",
      "cirka 21",
      "300",
      /1\s000/,
      "cirka 310",
      "Innehåll",
    ],
  },
  {
    seed: "004 guidance (da)",
    path: "/da/artikler/kommunens-samarbejde-med-socialoekonomiske-virksomheder",
    facts: ["anden aktør", "Jammerbugt", "Frederikshavn", /partnerskab/i],
  },
  {
    seed: "004 case: Jammerbugt partnership (da)",
    path: "/da/cases/jammerbugt-partnerskabsaftale-socialoekonomiske-virksomheder",
    facts: ["Jammerbugt", /borgmester/i, /fire gange om året/i],
  },
];

for (const { seed, path, facts } of seeds) {
  test(`seed ${seed}: its key facts are on ${path}`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    const text = (await page.locator("main").innerText()).replace(/\u00a0|\u202f/g, " ");
    for (const fact of facts) {
      if (typeof fact === "string") expect(text).toContain(fact);
      else expect(text).toMatch(fact);
    }
  });
}

test("the pre-study links its reference documents, which carry issuer and document type", async ({ page }) => {
  await page.goto("/sv/publikationer/samordning-for-socialt-foretagande");
  const references = page.locator('section[aria-labelledby="related-heading"] a[href^="/sv/dokument/"]');
  expect(await references.count()).toBeGreaterThan(3);
  await references.first().click();
  await expect(page).toHaveURL(/\/sv\/dokument\//);
  const facts = page.getByTestId("facts");
  await expect(facts).toContainText("Utfärdare");
  await expect(facts).toContainText("Dokumenttyp");
});

test("an item page names its source and dates it only as precisely as the source does", async ({ page }) => {
  await page.goto("/da/publikationer/erfaringsopsamling-pulje-kommuner-og-socialoekonomiske-virksomheder");
  const source = page.getByTestId("item-source");
  await expect(source.getByRole("heading", { name: "Kilde" })).toBeVisible();
  await expect(source).toContainText("Cabi");
  const facts = page.getByTestId("facts");
  await expect(facts).toContainText("Kildens dato");
  await expect(facts).toContainText("2016");
  await expect(page.locator("main")).not.toContainText(/1\. jan/);
  await expect(page.locator('main a[href$=".pdf"]')).toHaveCount(0);

  await page.goto("/sv/artiklar/goda-exempel-samverkan-med-arbetsintegrerande-sociala-foretag");
  await expect(page.getByTestId("item-source").getByRole("heading", { name: "Källa" })).toBeVisible();
  await expect(page.getByTestId("facts")).toContainText("1 oktober 2019");

  await page.goto("/sv/dokument/program-for-okat-och-utvecklat-ideburet-foretagande");
  await expect(page.getByTestId("facts")).toContainText("februari 2012");
  await expect(page.getByTestId("document-request")).toBeVisible();
});
