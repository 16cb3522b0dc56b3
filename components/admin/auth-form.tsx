"use client";
import { useActionState } from "react";
import type { AuthFormState } from "@/lib/auth/actions";
import { SubmitButton } from "./submit-button";

export type AuthField = {
  name: string;
  label: string;
  type: "password" | "code";
  autoComplete: string;
  hint?: string;
};

type Props = {
  action: (previous: AuthFormState, form: FormData) => Promise<AuthFormState>;
  fields: AuthField[];
  hidden: Record<string, string>;
  submit: string;
  /** Shown above the recovery codes when the action answers with them */
  codes?: { title: string; intro: string; next: string; nextHref: string };
  /** Shown instead of the form when there is nothing left to do (and no codes to show) */
  done?: { text: string; next: string; nextHref: string };
  testId: string;
  /** The page the form is on: where it posts without JavaScript */
  permalink: string;
};

// A small staff form (second factor, enrolment, re-authentication, password change); it works without
// JavaScript, and secrets typed into it are never sent back
export function AuthForm({ action, fields, hidden, submit, codes, done, testId, permalink }: Props) {
  const [state, formAction] = useActionState<AuthFormState, FormData>(action, { error: null }, permalink);
  if (state.codes && codes) {
    return (
      <section aria-labelledby={`${testId}-codes`} data-testid="recovery-codes">
        <h2 id={`${testId}-codes`} className="mb-2 text-xl font-bold">
          {codes.title}
        </h2>
        <p className="mb-3 max-w-2xl">{codes.intro}</p>
        <ul className="mb-4 grid max-w-sm grid-cols-2 gap-1 font-mono">
          {state.codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <a href={codes.nextHref} className="font-semibold underline">
          {codes.next}
        </a>
      </section>
    );
  }
  if (done) {
    return (
      <p>
        {done.text}{" "}
        <a href={done.nextHref} className="font-semibold underline">
          {done.next}
        </a>
      </p>
    );
  }
  return (
    <form action={formAction} className="max-w-sm space-y-4" noValidate data-testid={testId}>
      {state.error && (
        <p role="alert" className="border-l-4 border-error pl-3 font-semibold text-error" data-testid="auth-error">
          {state.error}
        </p>
      )}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => (
        <div key={field.name}>
          <label htmlFor={`${testId}-${field.name}`} className="block font-semibold">
            {field.label}
          </label>
          {field.hint && (
            <p id={`${testId}-${field.name}-hint`} className="text-sm text-muted">
              {field.hint}
            </p>
          )}
          <input
            id={`${testId}-${field.name}`}
            name={field.name}
            type={field.type === "code" ? "text" : "password"}
            inputMode={field.type === "code" ? "text" : undefined}
            autoComplete={field.autoComplete}
            spellCheck={false}
            autoCapitalize="off"
            required
            aria-describedby={field.hint ? `${testId}-${field.name}-hint` : undefined}
            className="mt-1 block w-full rounded border-2 border-ink px-2 py-1.5"
          />
        </div>
      ))}
      <SubmitButton>{submit}</SubmitButton>
    </form>
  );
}
