"use client";
import { useActionState, useEffect, useState, type ReactNode } from "react";
import { previewMarkdown, saveItemAction, type EditorState } from "@/lib/admin/actions/items";
import type { Choice } from "@/lib/admin/catalogue";
import { adminPath } from "@/lib/admin/paths";
import { DiffView } from "./diff-view";
import { SubmitButton } from "./submit-button";

export type EditorText = {
  labels: Record<string, string>;
  options: Record<string, Record<string, string>>;
  strings: Record<string, string>;
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

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="font-bold text-error">
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

// The item editor: fields, Markdown with a live preview from the public renderer, publishing buttons,
// the edit conflict with the other version beside, and a warning before leaving unsaved changes
export function ItemEditor({ uiLocale, initial, initialPreview, status, choices, text: words }: Props) {
  const text = words.strings;
  const [state, action] = useActionState(
    saveItemAction,
    initial,
    adminPath(uiLocale, initial.id ? `items/${initial.id}` : "items/new"),
  );
  const v = state.values;
  const [body, setBody] = useState(v.body);
  const [preview, setPreview] = useState(initialPreview);
  const [dirty, setDirty] = useState(false);
  // A result of the server: the saved values (or the kept ones) are the form's content now.
  const [seenAttempt, setSeenAttempt] = useState(state.attempt);
  if (seenAttempt !== state.attempt) {
    setSeenAttempt(state.attempt);
    setBody(state.values.body);
    if (state.notice) setDirty(false);
  }

  useEffect(() => {
    const timer = setTimeout(() => {
      previewMarkdown(body)
        .then(setPreview)
        .catch(() => {});
    }, 300);
    return () => clearTimeout(timer);
  }, [body]);

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

  const errors = Object.entries(state.errors);
  const L = words.labels;
  const k = state.attempt; // re-mount uncontrolled fields after each round trip, so they show the state's values
  const otherItems = choices.items.filter((i) => i.locale !== v.locale && i.value !== state.id);
  const relatable = choices.items.filter((i) => i.value !== state.id);

  return (
    <form action={action} onInput={() => setDirty(true)} noValidate data-testid="item-editor">
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
        <div role="alert" className="mb-4 border-4 border-error p-3" data-testid="error-summary">
          <h2 className="font-bold">{text.errorSummary}</h2>
          <ul>
            {errors.map(([field, message]) => (
              <li key={field}>
                <a href={`#item-${field}`} className="text-error underline">
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.conflict && (
        <section role="alert" className="mb-6 border-4 border-warning p-3" data-testid="conflict">
          <h2 className="text-lg font-bold">{text.conflictTitle}</h2>
          <p className="mb-3">{state.conflict.message}</p>
          <h3 className="font-semibold">{text.conflictTheirs}</h3>
          <dl className="mb-3" data-testid="conflict-theirs">
            {(["title", "summary", "body"] as const).map((field) => (
              <div key={field}>
                <dt className="font-semibold">{L[field]}</dt>
                <dd className="max-h-64 overflow-auto rounded border border-line bg-white p-2 font-mono text-sm whitespace-pre-wrap">
                  {state.conflict!.values[field]}
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
          <Field id="item-title" label={L.title!} error={state.errors.title}>
            <input id="item-title" name="title" defaultValue={v.title} key={`t${k}`} className={input} />
          </Field>
          <Field id="item-slug" label={L.slug!} hint={text.slugHint} error={state.errors.slug}>
            <input id="item-slug" name="slug" defaultValue={v.slug} key={`s${k}`} className={input} />
          </Field>
          <Field id="item-summary" label={L.summary!} error={state.errors.summary}>
            <textarea
              id="item-summary"
              name="summary"
              defaultValue={v.summary}
              key={`u${k}`}
              rows={3}
              className={input}
            />
          </Field>
          <div className="grid gap-4 xl:grid-cols-2">
            <Field id="item-body" label={L.body!} error={state.errors.body}>
              <textarea
                id="item-body"
                name="body"
                value={body}
                onChange={(e) => setBody(e.target.value)}
                rows={24}
                className={`${input} font-mono text-sm`}
              />
            </Field>
            <section aria-labelledby="preview-heading" className="mb-4">
              <h2 id="preview-heading" className="font-semibold">
                {text.preview}
              </h2>
              <p className="text-sm text-muted">{text.previewHint}</p>
              <div
                className="prose mt-1 max-h-[36rem] overflow-auto rounded border border-line p-3"
                data-testid="preview"
                // A scrolling box is reached by keyboard too (the section around it names it).
                tabIndex={0}
                // Sanitized by the same pipeline as the public item page (lib/markdown.ts).
                dangerouslySetInnerHTML={{ __html: preview }}
              />
            </section>
          </div>
        </div>

        <div>
          <fieldset className="mb-6 border border-line p-3">
            <legend className="font-bold">{text.publishing}</legend>
            {status && <p className="mb-2">{status}</p>}
            <Field
              id="item-publishedAt"
              label={L.publishedAt!}
              hint={text.publishedAtHint}
              error={state.errors.publishedAt}
            >
              <input
                id="item-publishedAt"
                name="publishedAt"
                type="datetime-local"
                defaultValue={v.publishedAt}
                key={`p${k}`}
                className={input}
              />
            </Field>
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
            {(["type", "locale", "country", "documentType"] as const).map((field) => (
              <Field key={field} id={`item-${field}`} label={L[field]!} error={state.errors[field]}>
                <select
                  id={`item-${field}`}
                  name={field}
                  defaultValue={v[field]}
                  key={`${field}${k}`}
                  className={input}
                >
                  {Object.entries(words.options[field]!).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </Field>
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
            ).map((field) => (
              <Field key={field} id={`item-${field}`} label={L[field]!} error={state.errors[field]}>
                <input
                  id={`item-${field}`}
                  name={field}
                  defaultValue={v[field]}
                  key={`${field}${k}`}
                  inputMode={["year", "pages", "budgetAmount"].includes(field) ? "numeric" : undefined}
                  className={input}
                />
              </Field>
            ))}
            <Field
              id="item-keyFigures"
              label={L.keyFigures!}
              hint={text.keyFiguresHint}
              error={state.errors.keyFigures}
            >
              <textarea
                id="item-keyFigures"
                name="keyFigures"
                defaultValue={v.keyFigures}
                key={`kf${k}`}
                rows={4}
                className={input}
              />
            </Field>
          </fieldset>

          <fieldset className="mb-6 border border-line p-3">
            <legend className="font-bold">{text.links}</legend>
            <Field id="item-adviserId" label={L.adviser!} error={state.errors.adviserId}>
              <select id="item-adviserId" name="adviserId" defaultValue={v.adviserId} key={`a${k}`} className={input}>
                <option value="">{text.noneSelected}</option>
                {choices.advisers.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="item-translationOfId" label={L.translationOf!} error={state.errors.translationOfId}>
              <select
                id="item-translationOfId"
                name="translationOfId"
                defaultValue={v.translationOfId}
                key={`tr${k}`}
                className={input}
              >
                <option value="">{text.noneSelected}</option>
                {otherItems.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="item-relatedIds" label={L.related!} error={state.errors.relatedIds}>
              <select
                id="item-relatedIds"
                name="relatedIds"
                multiple
                size={6}
                defaultValue={v.relatedIds}
                key={`r${k}`}
                className={input}
              >
                {relatable.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id="item-organisations"
              label={L.organisations!}
              hint={text.organisationsHint}
              error={state.errors.organisations}
            >
              <textarea
                id="item-organisations"
                name="organisations"
                defaultValue={v.organisations}
                key={`o${k}`}
                rows={3}
                className={input}
              />
            </Field>
            {(["topicIds", "placeIds"] as const).map((field) => (
              <fieldset key={field} className="mb-4" id={`item-${field}`}>
                <legend className="font-semibold">{L[field === "topicIds" ? "topics" : "places"]}</legend>
                <div className="max-h-48 overflow-auto">
                  {(field === "topicIds" ? choices.topics : choices.places).map((c) => (
                    <label key={c.value} className="block">
                      <input
                        type="checkbox"
                        name={field}
                        value={c.value}
                        defaultChecked={v[field].includes(c.value)}
                        key={`${c.value}${k}`}
                        className="mr-2"
                      />
                      {c.label}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
          </fieldset>
        </div>
      </div>
    </form>
  );
}
