"use client";
import { useActionState } from "react";
import { ErrorSummary, Honeypot, RadioGroup, SubmitButton, TextArea } from "@/components/ui/form";
import { useGuardedForm } from "@/components/ui/guarded-form";
import {
  feedbackFields,
  feedbackValues,
  type FeedbackError,
  type FeedbackField,
  type FeedbackFormState,
} from "@/lib/feedback/fields";

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
  const { local, keyRef, elapsedRef, onFocus, onSubmit } = useGuardedForm({
    state,
    pending,
    // The shared zod schema is fetched once the visitor starts on the form, not with the page.
    loadCheck: () => import("@/lib/feedback/schema").then((m) => m.parseFeedback),
    valuesOf: feedbackValues,
  });

  if (state.done) {
    return (
      <p role="status" className="font-semibold" data-testid="feedback-thanks">
        {text.thanks}
      </p>
    );
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
      onFocus={onFocus}
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
