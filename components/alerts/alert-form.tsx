"use client";
import { useActionState, type ReactNode } from "react";
import { ErrorSummary, Honeypot, RadioGroup, SubmitButton, TextField } from "@/components/ui/form";
import { useGuardedForm } from "@/components/ui/guarded-form";
import { alertFields, alertValues, type AlertError, type AlertField, type AlertFormState } from "@/lib/alerts/fields";

export type AlertFormText = {
  heading: string;
  intro: string;
  email: string;
  emailHint: string;
  frequency: string;
  immediate: string;
  daily: string;
  weekly: string;
  submit: string;
  sending: string;
  done: string;
  honeypot: string;
  summaryTitle: string;
  errorPrefix: string;
  errors: Record<AlertField, Partial<Record<AlertError, string>>>;
};

type Props = {
  action: (state: AlertFormState, form: FormData) => Promise<AlertFormState>;
  initial: AlertFormState;
  text: AlertFormText;
  locale: string;
  /** This page's address, where a form sent without JavaScript posts to. */
  permalink: string;
};

const ids: Record<AlertField, string> = { email: "alert-email", frequency: "alert-frequency", list: "alert-email" };

// "E-mail me new items like these": an address and how often, sent by a server action with or without JavaScript
export function AlertForm({ action, initial, text, locale, permalink }: Props) {
  const [state, dispatch, pending] = useActionState(action, initial, permalink);
  const { local, keyRef, elapsedRef, onFocus, onSubmit } = useGuardedForm({
    state,
    pending,
    loadCheck: () => import("@/lib/alerts/schema").then((m) => m.parseAlert),
    valuesOf: alertValues,
  });

  // Closed until used; open after a round trip, so that its outcome or errors show (without JavaScript too).
  const frame = (body: ReactNode) => (
    <details
      className="mt-2 max-w-xl rounded border border-line p-3 print:hidden"
      open={state.attempt > 0 || undefined}
      data-testid="alert-signup"
    >
      <summary className="cursor-pointer font-semibold">{text.heading}</summary>
      <div className="mt-3">{body}</div>
    </details>
  );

  if (state.done) {
    return frame(
      <p role="status" className="font-semibold" data-testid="alert-done">
        {text.done}
      </p>,
    );
  }

  const errors = local?.errors ?? state.errors;
  const message = (f: AlertField) => {
    const code = errors[f];
    return code ? (text.errors[f][code] ?? text.errors[f].required) : undefined;
  };
  const summary = alertFields.filter((f) => errors[f]).map((f) => ({ href: `#${ids[f]}`, text: message(f)! }));
  if (state.formError && !local) summary.unshift({ href: `#${ids.email}`, text: state.formError });
  const v = state.values;

  return frame(
    <>
      <p className="mb-3">{text.intro}</p>
      <form
        action={dispatch}
        onSubmit={onSubmit}
        onFocus={onFocus}
        noValidate
        className="relative max-w-xl"
        data-testid="alert-form"
      >
        <ErrorSummary
          key={`${state.attempt}-${local?.attempt ?? 0}`}
          id="alert-error-summary"
          title={text.summaryTitle}
          errors={summary}
        />
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="list" value={v.list} />
        <input type="hidden" name="key" defaultValue={v.key} ref={keyRef} />
        <input type="hidden" name="elapsed" defaultValue="" ref={elapsedRef} />
        <Honeypot label={text.honeypot} name="website" />
        <TextField
          id={ids.email}
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          label={text.email}
          hint={text.emailHint}
          defaultValue={v.email}
          error={message("email") ?? message("list")}
          errorPrefix={text.errorPrefix}
        />
        <RadioGroup
          id={ids.frequency}
          name="frequency"
          legend={text.frequency}
          options={[
            { value: "immediate", label: text.immediate },
            { value: "daily", label: text.daily },
            { value: "weekly", label: text.weekly },
          ]}
          defaultValue={v.frequency || "weekly"}
          error={message("frequency")}
          errorPrefix={text.errorPrefix}
        />
        <SubmitButton pending={pending}>{pending ? text.sending : text.submit}</SubmitButton>
      </form>
    </>,
  );
}
