import "server-only";
import { getTranslations } from "next-intl/server";
import { documentTypes, itemTypes, organisationRoles } from "@/lib/content/schema";
import type { Locale } from "@/lib/i18n/routing";
import type { EditorText } from "./item-editor";

const labelKeys = [
  "title",
  "slug",
  "summary",
  "body",
  "type",
  "locale",
  "country",
  "year",
  "pages",
  "isbn",
  "periodStart",
  "periodEnd",
  "budgetAmount",
  "budgetCurrency",
  "documentType",
  "sourceUrl",
  "sourceDate",
  "keyFigures",
  "adviser",
  "topics",
  "places",
  "organisations",
  "translationOf",
  "related",
  "publishedAt",
] as const;

// Field labels of the editor and the history (keyed by form field name as well as by label key)
export async function fieldLabels(locale: Locale): Promise<Record<string, string>> {
  const t = await getTranslations({ locale, namespace: "Admin.editor" });
  const labels: Record<string, string> = {};
  for (const key of labelKeys) labels[key] = t(key === "locale" ? "language" : key);
  labels.adviserId = labels.adviser!;
  labels.translationOfId = labels.translationOf!;
  labels.topicIds = labels.topics!;
  labels.placeIds = labels.places!;
  labels.relatedIds = labels.related!;
  return labels;
}

// Every word the item editor shows, for the client component
export async function editorText(locale: Locale): Promise<EditorText> {
  const t = await getTranslations({ locale, namespace: "Admin" });
  const types = await getTranslations({ locale, namespace: "ItemTypes" });
  const languages = await getTranslations({ locale, namespace: "Languages" });
  const item = await getTranslations({ locale, namespace: "ItemPage" });
  return {
    labels: await fieldLabels(locale),
    options: {
      type: Object.fromEntries(itemTypes.map((v) => [v, types(v)])),
      locale: { da: languages("da"), sv: languages("sv") },
      country: { "": t("editor.noneSelected"), DK: item("countries.DK"), SE: item("countries.SE") },
      documentType: {
        "": t("editor.noneSelected"),
        ...Object.fromEntries(documentTypes.map((v) => [v, item(`documentTypes.${v}`)])),
      },
      role: Object.fromEntries(organisationRoles.map((v) => [v, item(`roles.${v}`)])),
    },
    strings: {
      slugHint: t("editor.slugHint"),
      preview: t("editor.preview"),
      previewHint: t("editor.previewHint"),
      publishing: t("editor.publishing"),
      publishedAtHint: t("editor.publishedAtHint"),
      substantialChange: t("editor.substantialChange"),
      substantialChangeHint: t("editor.substantialChangeHint"),
      saveDraft: t("editor.saveDraft"),
      saving: t("common.saving"),
      publish: t("editor.publish"),
      schedule: t("editor.schedule"),
      unpublish: t("editor.unpublish"),
      archive: t("editor.archive"),
      facts: t("editor.facts"),
      links: t("editor.links"),
      keyFiguresHint: t("editor.keyFiguresHint"),
      organisationsHint: t("editor.organisationsHint"),
      organisationRow: t("editor.organisationRow"),
      organisation: t("editor.organisation"),
      role: t("editor.role"),
      chooseOrganisation: t("editor.chooseOrganisation"),
      chooseRole: t("editor.chooseRole"),
      addOrganisation: t("editor.addOrganisation"),
      keyFigureRow: t("editor.keyFigureRow"),
      keyFigureLabel: t("editor.keyFigureLabel"),
      keyFigureValue: t("editor.keyFigureValue"),
      addKeyFigure: t("editor.addKeyFigure"),
      removeRow: t("editor.removeRow"),
      errorPrefix: t("records.errorPrefix"),
      previewHintsDa: t("editor.previewHintsDa"),
      previewHintsSv: t("editor.previewHintsSv"),
      noneSelected: t("editor.noneSelected"),
      unsaved: t("editor.unsaved"),
      leaveConfirm: t("editor.leaveConfirm"),
      signedOut: t("common.signedOut"),
      errorSummary: t("editor.errorSummary"),
      conflictTitle: t("editor.conflictTitle"),
      conflictTheirs: t("editor.conflictTheirs"),
      conflictChanges: t("editor.conflictChanges"),
    },
    // "{field}" and "{query}" are filled in by the editor, in the browser
    picker: {
      search: t("editor.pick.search", { field: "{field}" }),
      button: t("editor.pick.button"),
      found: t("editor.pick.found"),
      foundOne: t("editor.pick.foundOne"),
      nothingFound: t("editor.pick.nothingFound", { query: "{query}" }),
      noneChosen: t("editor.pick.noneChosen"),
      none: t("editor.noneSelected"),
      chosenHint: t("editor.pick.chosenHint"),
      countNone: t("editor.pick.countNone"),
      countOne: t("editor.pick.countOne"),
      countMany: t("editor.pick.countMany"),
    },
  };
}
