"use client";
import { useActionState } from "react";
import { createStaffAction, type StaffFormState } from "@/lib/admin/actions/staff";
import { adminPath } from "@/lib/admin/paths";
import { SubmitButton } from "./submit-button";

const input = "mt-1 block w-full max-w-sm rounded border-2 border-ink bg-white px-2 py-1";

// The form that creates a staff account
export function StaffForm({
  uiLocale,
  text,
  advisers,
}: {
  uiLocale: string;
  text: Record<string, string>;
  advisers: { value: string; label: string }[];
}) {
  const [state, action] = useActionState<StaffFormState, FormData>(
    createStaffAction,
    {
      error: null,
      values: { email: "", name: "", role: "editor" },
    },
    adminPath(uiLocale, "staff"),
  );
  return (
    <form action={action} className="space-y-3" noValidate>
      {state.error && (
        <p role="alert" className="font-bold text-error">
          {state.error}
        </p>
      )}
      <input type="hidden" name="uiLocale" value={uiLocale} />
      <div>
        <label htmlFor="staff-email" className="font-semibold">
          {text.email}
        </label>
        <input id="staff-email" name="email" type="email" defaultValue={state.values.email} className={input} />
      </div>
      <div>
        <label htmlFor="staff-name" className="font-semibold">
          {text.name}
        </label>
        <input id="staff-name" name="name" defaultValue={state.values.name} className={input} />
      </div>
      <div>
        <label htmlFor="staff-role" className="font-semibold">
          {text.role}
        </label>
        <select id="staff-role" name="role" defaultValue={state.values.role} className={input}>
          <option value="editor">{text.editor}</option>
          <option value="admin">{text.admin}</option>
        </select>
      </div>
      <div>
        <label htmlFor="staff-adviser" className="font-semibold">
          {text.adviser}
        </label>
        <select id="staff-adviser" name="adviserId" className={input}>
          <option value="">{text.none}</option>
          {advisers.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="staff-password" className="font-semibold">
          {text.password}
        </label>
        <input id="staff-password" name="password" type="password" autoComplete="new-password" className={input} />
      </div>
      <SubmitButton>{text.create}</SubmitButton>
    </form>
  );
}
