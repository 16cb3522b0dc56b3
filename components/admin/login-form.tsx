"use client";
import { useActionState } from "react";
import { login, type LoginState } from "@/lib/auth/actions";
import { adminPath } from "@/lib/admin/paths";
import { SubmitButton } from "./submit-button";

type Text = { email: string; password: string; submit: string };

// The login form; it works without JavaScript too
export function LoginForm({ locale, text }: { locale: string; text: Text }) {
  const [state, action] = useActionState<LoginState, FormData>(
    login,
    { email: "", error: null },
    adminPath(locale, "login"),
  );
  return (
    <form action={action} className="max-w-sm space-y-4" noValidate>
      {state.error && (
        <p role="alert" className="border-l-4 border-error pl-3 font-semibold text-error" data-testid="login-error">
          {state.error}
        </p>
      )}
      <input type="hidden" name="locale" value={locale} />
      <div>
        <label htmlFor="login-email" className="block font-semibold">
          {text.email}
        </label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          className="mt-1 block w-full rounded border-2 border-ink px-2 py-1.5"
        />
      </div>
      <div>
        <label htmlFor="login-password" className="block font-semibold">
          {text.password}
        </label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded border-2 border-ink px-2 py-1.5"
        />
      </div>
      <SubmitButton>{text.submit}</SubmitButton>
    </form>
  );
}
