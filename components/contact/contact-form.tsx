"use client";
import { useActionState, type ReactNode } from "react";
import {
  CheckboxField,
  ErrorSummary,
  Honeypot,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from "@/components/ui/form";
import {
  contactFields,
  contactValues,
  type ContactField,
  type ContactFormState,
  type FieldError,
} from "@/lib/contact/fields";
import { useGuardedForm } from "@/components/ui/guarded-form";

export type ContactFormText = {
  labels: Record<"adviser" | "name" | "email" | "organisation" | "municipality" | "subject" | "message", string>;
  optional: string;
  emailHint: string;
  messageHint: string;
  consent: string;
  consentHint: ReactNode;
  submit: string;
  sending: string;
  honeypot: string;
  summaryTitle: string;
  errorPrefix: string;
  errors: Partial<Record<ContactField, Partial<Record<FieldError, string>>>>;
};

type Props = {
  action: (state: ContactFormState, form: FormData) => Promise<ContactFormState>;
  initial: ContactFormState;
  text: ContactFormText;
  locale: string;
  /** This page's address, where a form sent without JavaScript posts to (without a #fragment, which would stop autofocus). */
  permalink: string;
  /** The advisers to choose from (the contact page); without them the server routes by the item. */
  advisers?: { value: string; label: string }[];
};

const id = (field: string) => `contact-${field}`;

// The contact form: a server action that works without JavaScript; with it, the same zod schema as
// the server's checks the fields before sending, and a random key and the time spent are added
export function ContactForm({ action, initial, text, locale, permalink, advisers }: Props) {
  const [state, dispatch, pending] = useActionState(action, initial, permalink);
  const { local, keyRef, elapsedRef, onFocus, onSubmit } = useGuardedForm({
    state,
    pending,
    // The shared zod schema is fetched once the visitor starts on the form, not with the page.
    loadCheck: () => import("@/lib/contact/schema").then((m) => m.parseContact),
    valuesOf: contactValues,
  });

  const errors = local?.errors ?? state.errors;
  const message = (field: ContactField) => {
    const code = errors[field];
    return code ? (text.errors[field]?.[code] ?? text.errors[field]?.invalid) : undefined;
  };
  const summary = contactFields.filter((f) => errors[f]).map((f) => ({ href: `#${id(f)}`, text: message(f) ?? "" }));
  if (state.formError && !local) summary.unshift({ href: `#${id("name")}`, text: state.formError });
  const v = state.values;

  return (
    <form
      action={dispatch}
      onSubmit={onSubmit}
      onFocus={onFocus}
      noValidate
      className="relative max-w-xl"
      id="contact-form"
    >
      <ErrorSummary
        key={`${state.attempt}-${local?.attempt ?? 0}`}
        id="contact-error-summary"
        title={text.summaryTitle}
        errors={summary}
      />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="item" value={v.item} />
      <input type="hidden" name="key" defaultValue={v.key} ref={keyRef} />
      <input type="hidden" name="started" value={v.started} />
      <input type="hidden" name="elapsed" defaultValue="" ref={elapsedRef} />
      <Honeypot label={text.honeypot} />
      {advisers?.length ? (
        <SelectField
          id={id("adviser")}
          name="adviser"
          label={text.labels.adviser}
          options={advisers}
          defaultValue={v.adviser}
          error={message("adviser")}
          errorPrefix={text.errorPrefix}
        />
      ) : (
        <input type="hidden" name="adviser" value={v.adviser} />
      )}
      <TextField
        id={id("name")}
        name="name"
        label={text.labels.name}
        autoComplete="name"
        defaultValue={v.name}
        error={message("name")}
        errorPrefix={text.errorPrefix}
      />
      <TextField
        id={id("email")}
        name="email"
        type="email"
        label={text.labels.email}
        hint={text.emailHint}
        autoComplete="email"
        spellCheck={false}
        defaultValue={v.email}
        error={message("email")}
        errorPrefix={text.errorPrefix}
      />
      <TextField
        id={id("organisation")}
        name="organisation"
        label={`${text.labels.organisation} ${text.optional}`}
        autoComplete="organization"
        defaultValue={v.organisation}
        error={message("organisation")}
        errorPrefix={text.errorPrefix}
      />
      <TextField
        id={id("municipality")}
        name="municipality"
        label={`${text.labels.municipality} ${text.optional}`}
        defaultValue={v.municipality}
        error={message("municipality")}
        errorPrefix={text.errorPrefix}
      />
      <TextField
        id={id("subject")}
        name="subject"
        label={text.labels.subject}
        defaultValue={v.subject}
        error={message("subject")}
        errorPrefix={text.errorPrefix}
      />
      <TextArea
        id={id("message")}
        name="message"
        label={text.labels.message}
        hint={text.messageHint}
        rows={8}
        defaultValue={v.message}
        error={message("message")}
        errorPrefix={text.errorPrefix}
      />
      <CheckboxField
        id={id("consent")}
        name="consent"
        value="yes"
        label={text.consent}
        hint={text.consentHint}
        defaultChecked={v.consent === "yes"}
        error={message("consent")}
        errorPrefix={text.errorPrefix}
      />
      <SubmitButton pending={pending}>{pending ? text.sending : text.submit}</SubmitButton>
    </form>
  );
}
