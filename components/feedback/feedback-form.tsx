"use client";
import { useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { ErrorSummary, Honeypot, RadioGroup, SubmitButton, TextArea } from "@/components/ui/form";
import { formKey } from "@/components/ui/form-key";
import {
  feedbackFields,
  feedbackValues,
  type FeedbackError,
  type FeedbackErrors,
  type FeedbackField,
  type FeedbackFormState,
} from "@/lib/feedback/fields";

type Check = (typeof import("@/lib/feedback/schema"))["parseFeedback"];

export type FeedbackFormText = {
  title: string;
  yes: string;
  no: string;
  comment: string;
  optional: string;
  commentHint: string;
  submit: string;
  sending: string;
  thanks: string;
  honeypot: string;
  summaryTitle: string;
  errorPrefix: string;
  errors: Record<FeedbackField, Record<FeedbackError, string>>;
};

type Props = {
  action: (state: FeedbackFormState, form: FormData) => Promise<FeedbackFormState>;
  initial: FeedbackFormState;
  text: FeedbackFormText;
  locale: string;
  /** This page's address, where a form sent without JavaScript posts to (without a #fragment, which would stop autofocus). */
  permalink: string;
};

const ids: Record<FeedbackField, string> = {
  helpful: "feedback-helpful",
  comment: "feedback-comment",
  item: "feedback-helpful",
};

// "Was this page helpful?": yes or no and a comment, sent by a server action with or without JavaScript
export function FeedbackForm({ action, initial, text, locale, permalink }: Props) {
  const [state, dispatch, pending] = useActionState(action, initial, permalink);
  const [local, setLocal] = useState<{ errors: FeedbackErrors; attempt: number } | null>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const elapsedRef = useRef<HTMLInputElement>(null);
  const mounted = useRef(0);
  const check = useRef<Check | null>(null);

  useEffect(() => {
    mounted.current = Date.now();
  }, []);
  useEffect(() => {
    if (keyRef.current && !keyRef.current.value) keyRef.current.value = formKey();
  }, [state]);

  if (state.done) {
    return (
      <p role="status" className="font-semibold" data-testid="feedback-thanks">
        {text.thanks}
      </p>
    );
  }

  // The shared zod schema is fetched once the visitor starts on the form, not with the page.
  function loadCheck() {
    if (!check.current) void import("@/lib/feedback/schema").then((m) => (check.current = m.parseFeedback));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (pending) return event.preventDefault();
    if (elapsedRef.current) elapsedRef.current.value = String(Date.now() - mounted.current);
    const result = check.current?.(feedbackValues(new FormData(event.currentTarget)));
    if (result && !result.ok) {
      event.preventDefault();
      setLocal((l) => ({ errors: result.errors, attempt: (l?.attempt ?? 0) + 1 }));
    } else setLocal(null);
  }

  const errors = local?.errors ?? state.errors;
  const message = (f: FeedbackField) => {
    const code = errors[f];
    return code ? text.errors[f][code] : undefined;
  };
  const summary = feedbackFields.filter((f) => errors[f]).map((f) => ({ href: `#${ids[f]}`, text: message(f)! }));
  if (state.formError && !local) summary.unshift({ href: `#${ids.helpful}`, text: state.formError });
  const v = state.values;

  return (
    <form
      action={dispatch}
      onSubmit={onSubmit}
      onFocus={loadCheck}
      noValidate
      className="relative max-w-xl"
      data-testid="feedback-form"
    >
      <ErrorSummary
        key={`${state.attempt}-${local?.attempt ?? 0}`}
        id="feedback-error-summary"
        title={text.summaryTitle}
        errors={summary}
      />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="item" value={v.item} />
      <input type="hidden" name="key" defaultValue={v.key} ref={keyRef} />
      <input type="hidden" name="elapsed" defaultValue="" ref={elapsedRef} />
      <Honeypot label={text.honeypot} />
      <RadioGroup
        id={ids.helpful}
        name="helpful"
        legend={<span className="text-lg font-bold">{text.title}</span>}
        options={[
          { value: "yes", label: text.yes },
          { value: "no", label: text.no },
        ]}
        defaultValue={v.helpful}
        error={message("helpful") ?? message("item")}
        errorPrefix={text.errorPrefix}
      />
      <TextArea
        id={ids.comment}
        name="comment"
        label={`${text.comment} ${text.optional}`}
        hint={text.commentHint}
        rows={3}
        defaultValue={v.comment}
        error={message("comment")}
        errorPrefix={text.errorPrefix}
      />
      <SubmitButton pending={pending}>{pending ? text.sending : text.submit}</SubmitButton>
    </form>
  );
}
