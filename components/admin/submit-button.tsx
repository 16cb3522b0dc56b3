"use client";
import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

// A submit button that says it is busy while its form is sent
export function SubmitButton({
  children,
  busy,
  name,
  value,
  className,
}: {
  children: ReactNode;
  busy?: string;
  name?: string;
  value?: string;
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      className={
        className ??
        "rounded border-2 border-brand bg-brand px-4 py-1.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
      }
    >
      {pending && busy ? busy : children}
    </button>
  );
}
