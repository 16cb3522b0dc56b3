"use client";
import { useActionState, useEffect, useState, type FormEvent } from "react";
import { ErrorSummary, Labelled, fieldAria } from "@/components/ui/form";
import { previewMarkdown, previewWithHints, saveItemAction, type EditorState } from "@/lib/admin/actions/items";
import { GlossaryTips } from "@/components/content/glossary-tips";
import type { Choice } from "@/lib/admin/catalogue";
import { textToRows } from "@/lib/admin/item-rows";
import { adminPath } from "@/lib/admin/paths";
import { DiffView } from "./diff-view";
import { Picker, type PickerText } from "./picker";
import { RowFields } from "./row-fields";
import { SubmitButton } from "./submit-button";

export type EditorText = {
  labels: Record<string, string>;
  options: Record<string, Record<string, string>>;
  strings: Record<string, string>;
  picker: PickerText;
};

type Props = {
  uiLocale: string;
  initial: EditorState;
  initialPreview: string;
  status: string | null;
  choices: {
    topics: Choice[];
    places: Choice[];
    advisers: Choice[];
    items: (Choice & { locale: string })[];
    organisations: Choice[];
  };
  text: EditorText;
};

const input = "mt-1 block w-full rounded border-2 border-ink bg-white px-2 py-1.5 focus-visible:outline-offset-0";

// The item editor: fields, Markdown with a live preview styled as the public page, publishing buttons, the edit
// conflict with the other version beside, and a warning before leaving unsaved changes. Built on the public forms'
// parts (components/ui/form): the error summary, labelled fields with aria-invalid and aria-describedby.
export function ItemEditor({ uiLocale, initial, initialPreview, status, choices, text: words }: Props) {
  const text = words.strings;
  const [state, action] = useActionState(
    saveItemAction,
    initial,
    adminPath(uiLocale, initial.id ? `items/${initial.id}` : "items/new"),
  );
  const v = state.values;
  const [body, setBody] = useState(v.body);
  const [head, setHead] = useState({ title: v.title, summary: v.summary, type: v.type, locale: v.locale });
  const [preview, setPreview] = useState<{ bodyHtml: string; titleHtml?: string; summaryHtml?: string }>({
    bodyHtml: initialPreview,
  });
  // Show the preview as readers of the other language see it, with the glossary's words marked
  const [withHints, setWithHints] = useState(false);
  const [dirty, setDirty] = useState(false);
  // A result of the server: the saved values (or the kept ones) are the form's content now.
  const [seenAttempt, setSeenAttempt] = useState(state.attempt);
  if (seenAttempt !== state.attempt) {
    setSeenAttempt(state.attempt);
    setBody(state.values.body);
    setHead({
      title: state.values.title,
      summary: state.values.summary,
      type: state.values.type,
      locale: state.values.locale,
    });
    if (state.notice) setDirty(false);
  }

  const { title, summary, locale } = head;
  useEffect(() => {
    const timer = setTimeout(() => {
      const next = withHints
        ? previewWithHints({ locale: locale === "sv" ? "sv" : "da", title, summary, body }).then(
            (hints) => hints ?? { bodyHtml: "" },
          )
        : previewMarkdown(body).then((bodyHtml) => ({ bodyHtml }));
      next.then(setPreview).catch(() => {});
    }, 300);
    return () => clearTimeout(timer);
  }, [body, withHints, title, summary, locale]);

  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    // Links inside the app navigate without unloading the page: ask there too.
    const click = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (link && !link.getAttribute("href")?.startsWith("#") && !window.confirm(text.leaveConfirm)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
    };
  }, [dirty, text.leaveConfirm]);

  // Typing marks the form changed; the title, summary, type and language feed the preview.
  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    // A picker's search text changes nothing yet.
    if (!target.name?.startsWith("pick-")) setDirty(true);
    if (target.name in head) setHead((h) => ({ ...h, [target.name]: target.value }));
  };

  const errors = Object.entries(state.errors);
  const L = words.labels;
  const k = state.attempt; // re-mount uncontrolled fields after each round trip, so they show the state's values
  const errorPrefix = text.errorPrefix!;
  const field = (name: keyof typeof state.errors) => ({
    id: `item-${name}`,
    error: state.errors[name],
    errorPrefix,
  });
  const pickerText = (legend: string): PickerText => ({
    ...words.picker,
    search: words.picker.search.replace("{field}", legend),
    button: words.picker.button,
  });
  const pickOptions = {
    topics: choices.topics,
    places: choices.places,
    items: choices.items.map((i) => ({ value: i.value, label: i.label, locale: i.locale })),
  };
  const itemOptions = pickOptions.items.filter((i) => i.value !== state.id);

  return (
    <form action={action} onInput={onInput} noValidate data-testid="item-editor">
      <input type="hidden" name="uiLocale" value={uiLocale} />
      <input type="hidden" name="id" value={state.id ?? ""} />
      <input type="hidden" name="version" value={state.version} />
      {dirty && (
        <p className="mb-3 font-semibold text-warning" role="status" data-testid="unsaved">
          {text.unsaved}
        </p>
      )}
      {state.notice && !dirty && (
        <p role="status" className="mb-3 border-l-4 border-success pl-3 font-semibold" data-testid="notice">
          {state.notice}
        </p>
      )}
      {state.formError && (
        <p role="alert" className="mb-3 border-l-4 border-error pl-3 font-semibold text-error">
          {state.formError === "signedOut" ? text.signedOut : state.formError}
        </p>
      )}
      {errors.length > 0 && (
        <ErrorSummary
          key={`summary${k}`}
          id="item-errors"
          title={text.errorSummary!}
          errors={errors.map(([name, message]) => ({ href: `#item-${name}`, text: message }))}
        />
      )}
      {state.conflict && (
        <section role="alert" className="mb-6 border-4 border-warning p-3" data-testid="conflict">
          <h2 className="text-lg font-bold">{text.conflictTitle}</h2>
          <p className="mb-3">{state.conflict.message}</p>
          <h3 className="font-semibold">{text.conflictTheirs}</h3>
          <dl className="mb-3" data-testid="conflict-theirs">
            {(["title", "summary", "body"] as const).map((name) => (
              <div key={name}>
                <dt className="font-semibold">{L[name]}</dt>
                <dd className="max-h-64 overflow-auto rounded border border-line bg-white p-2 font-mono text-sm whitespace-pre-wrap">
                  {state.conflict!.values[name]}
                </dd>
              </div>
            ))}
          </dl>
          <h3 className="font-semibold">{text.conflictChanges}</h3>
          <DiffView changes={state.conflict.changes} labels={L} />
        </section>
      )}

      <div className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div>
          <Labelled {...field("title")} label={L.title!}>
            <input {...fieldAria(field("title"))} name="title" defaultValue={v.title} key={`t${k}`} className={input} />
          </Labelled>
          <Labelled {...field("slug")} label={L.slug!} hint={text.slugHint}>
            <input
              {...fieldAria({ ...field("slug"), hint: text.slugHint })}
              name="slug"
              defaultValue={v.slug}
              key={`s${k}`}
              className={input}
            />
          </Labelled>
          <Labelled {...field("summary")} label={L.summary!}>
            <textarea
              {...fieldAria(field("summary"))}
              name="summary"
              defaultValue={v.summary}
              key={`u${k}`}
              rows={3}
              className={input}
            />
          </Labelled>
          <Labelled {...field("body")} label={L.body!}>
            <textarea
              {...fieldAria(field("body"))}
              name="body"
              value={body}
              onChange={(e) => setBody(e.target.value)}
              rows={24}
              className={`${input} font-mono text-sm`}
            />
          </Labelled>
          <section aria-labelledby="preview-heading" className="mb-4">
            <h2 id="preview-heading" className="font-semibold">
              {text.preview}
            </h2>
            <p className="text-sm text-muted">{text.previewHint}</p>
            <div className="mt-1 flex items-center gap-2">
              <input
                id="preview-hints"
                type="checkbox"
                checked={withHints}
                onChange={(e) => setWithHints(e.target.checked)}
                className="size-5 accent-brand"
              />
              <label htmlFor="preview-hints">
                {(head.locale === "sv" ? text.previewHintsSv : text.previewHintsDa) ?? ""}
              </label>
            </div>
            {/* The public item page's header and body, with its classes; a scrolling box is reached by keyboard too */}
            <div
              className="mt-1 max-h-[48rem] overflow-auto rounded border border-line bg-paper p-4"
              data-testid="preview"
              tabIndex={0}
              lang={head.locale}
            >
              <p className="flex gap-2 text-sm text-muted" lang={uiLocale}>
                <span>{words.options.type![head.type]}</span>
                <span>{words.options.locale![head.locale]}</span>
              </p>
              {withHints && preview.titleHtml !== undefined ? (
                <>
                  <p
                    className="mt-1 text-3xl font-bold"
                    data-testid="preview-title"
                    dangerouslySetInnerHTML={{ __html: preview.titleHtml }}
                  />
                  <p
                    className="mt-3 max-w-prose text-lg"
                    dangerouslySetInnerHTML={{ __html: preview.summaryHtml ?? "" }}
                  />
                  <GlossaryTips />
                </>
              ) : (
                <>
                  <p className="mt-1 text-3xl font-bold" data-testid="preview-title">
                    {head.title}
                  </p>
                  <p className="mt-3 max-w-prose text-lg">{head.summary}</p>
                </>
              )}
              <div
                className="prose-body mt-8 max-w-prose"
                // Sanitized by the same pipeline as the public item page (lib/markdown.ts); marks are the site's own.
                dangerouslySetInnerHTML={{ __html: preview.bodyHtml }}
              />
            </div>
          </section>
        </div>

        <div>
          <fieldset className="mb-6 border border-line p-3">
            <legend className="font-bold">{text.publishing}</legend>
            {status && <p className="mb-2">{status}</p>}
            <Labelled {...field("publishedAt")} label={L.publishedAt!} hint={text.publishedAtHint}>
              <input
                {...fieldAria({ ...field("publishedAt"), hint: text.publishedAtHint })}
                name="publishedAt"
                type="datetime-local"
                defaultValue={v.publishedAt}
                key={`p${k}`}
                className={input}
              />
            </Labelled>
            {state.id && (
              <p className="mb-3">
                <label className="flex items-start gap-2">
                  <input type="checkbox" name="substantialChange" value="1" key={`sc${k}`} className="mt-1 h-5 w-5" />
                  <span>
                    {text.substantialChange}
                    <span className="block text-sm text-muted">{text.substantialChangeHint}</span>
                  </span>
                </label>
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              <SubmitButton name="intent" value="save" busy={text.saving}>
                {text.saveDraft}
              </SubmitButton>
              <SubmitButton name="intent" value="publish">
                {text.publish}
              </SubmitButton>
              <SubmitButton name="intent" value="schedule">
                {text.schedule}
              </SubmitButton>
              {state.id && (
                <>
                  <SubmitButton name="intent" value="unpublish" className="rounded border-2 border-ink px-3 py-1.5">
                    {text.unpublish}
                  </SubmitButton>
                  <SubmitButton name="intent" value="archive" className="rounded border-2 border-ink px-3 py-1.5">
                    {text.archive}
                  </SubmitButton>
                </>
              )}
            </div>
          </fieldset>

          <fieldset className="mb-6 border border-line p-3">
            <legend className="font-bold">{text.facts}</legend>
            {(["type", "locale", "country", "documentType"] as const).map((name) => (
              <Labelled key={name} {...field(name)} label={L[name]!}>
                <select
                  {...fieldAria(field(name))}
                  name={name}
                  defaultValue={v[name]}
                  key={`${name}${k}`}
                  className={input}
                >
                  {Object.entries(words.options[name]!).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </Labelled>
            ))}
            {(
              [
                "year",
                "pages",
                "isbn",
                "periodStart",
                "periodEnd",
                "budgetAmount",
                "budgetCurrency",
                "sourceUrl",
                "sourceDate",
              ] as const
            ).map((name) => (
              <Labelled key={name} {...field(name)} label={L[name]!}>
                <input
                  {...fieldAria(field(name))}
                  name={name}
                  defaultValue={v[name]}
                  key={`${name}${k}`}
                  inputMode={["year", "pages", "budgetAmount"].includes(name) ? "numeric" : undefined}
                  className={input}
                />
              </Labelled>
            ))}
            <RowFields
              key={`kf${k}`}
              {...field("keyFigures")}
              field="keyFigures"
              legend={L.keyFigures!}
              hint={text.keyFiguresHint!}
              rowLegend={text.keyFigureRow!}
              addLabel={text.addKeyFigure!}
              removeLabel={text.removeRow!}
              cells={[
                { name: "keyFigureLabel", label: text.keyFigureLabel!, kind: "text" },
                { name: "keyFigureValue", label: text.keyFigureValue!, kind: "text" },
              ]}
              rows={textToRows(v.keyFigures)}
              extra={state.extraRows?.keyFigures}
              inputClass={input}
            />
          </fieldset>

          <fieldset className="mb-6 border border-line p-3">
            <legend className="font-bold">{text.links}</legend>
            <Labelled {...field("adviserId")} label={L.adviser!}>
              <select
                {...fieldAria(field("adviserId"))}
                name="adviserId"
                defaultValue={v.adviserId}
                key={`a${k}`}
                className={input}
              >
                <option value="">{text.noneSelected}</option>
                {choices.advisers.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </Labelled>
            <RowFields
              key={`o${k}`}
              {...field("organisations")}
              field="organisations"
              legend={L.organisations!}
              hint={text.organisationsHint!}
              rowLegend={text.organisationRow!}
              addLabel={text.addOrganisation!}
              removeLabel={text.removeRow!}
              cells={[
                {
                  name: "organisationSlug",
                  label: text.organisation!,
                  kind: "select",
                  placeholder: text.chooseOrganisation!,
                  options: choices.organisations,
                },
                {
                  name: "organisationRole",
                  label: text.role!,
                  kind: "select",
                  placeholder: text.chooseRole!,
                  options: Object.entries(words.options.role!).map(([value, label]) => ({ value, label })),
                },
              ]}
              rows={textToRows(v.organisations)}
              extra={state.extraRows?.organisations}
              inputClass={input}
            />
            <Picker
              key={`tr${k}`}
              {...field("translationOfId")}
              name="translationOfId"
              legend={L.translationOf!}
              single
              options={itemOptions.filter((i) => i.locale !== head.locale)}
              chosen={[v.translationOfId]}
              found={state.picks?.translationOfId}
              text={pickerText(L.translationOf!)}
              inputClass={input}
            />
            <Picker
              key={`r${k}`}
              {...field("relatedIds")}
              name="relatedIds"
              legend={L.related!}
              options={itemOptions}
              chosen={v.relatedIds}
              found={state.picks?.relatedIds}
              text={pickerText(L.related!)}
              inputClass={input}
            />
            <Picker
              key={`tp${k}`}
              {...field("topicIds")}
              name="topicIds"
              legend={L.topics!}
              options={pickOptions.topics}
              chosen={v.topicIds}
              found={state.picks?.topicIds}
              text={pickerText(L.topics!)}
              inputClass={input}
            />
            <Picker
              key={`pl${k}`}
              {...field("placeIds")}
              name="placeIds"
              legend={L.places!}
              options={pickOptions.places}
              chosen={v.placeIds}
              found={state.picks?.placeIds}
              text={pickerText(L.places!)}
              inputClass={input}
            />
          </fieldset>
        </div>
      </div>
    </form>
  );
}
