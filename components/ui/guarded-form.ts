"use client";
// The browser's part of a form guarded by lib/form-guard.ts: a random key for this filled-in form (the page's HTML
// may be cached and shared, so it carries none), the time spent filling it in, and the form's own zod schema, fetched
// once the visitor starts on the form and checked before sending (until it has loaded, the server checks alone).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { formKey } from "./form-key";

type Check<V, E> = (values: V) => { ok: true } | { ok: false; errors: E };

export function useGuardedForm<V, E>(options: {
  /** The action's state: a new state (a failed send) gets a new key */
  state: unknown;
  pending: boolean;
  loadCheck: () => Promise<Check<V, E>>;
  valuesOf: (form: FormData) => V;
}) {
  const { state, pending, loadCheck, valuesOf } = options;
  const [local, setLocal] = useState<{ errors: E; attempt: number } | null>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const elapsedRef = useRef<HTMLInputElement>(null);
  const mounted = useRef(0);
  const check = useRef<Check<V, E> | null>(null);

  useEffect(() => {
    mounted.current = Date.now();
  }, []);
  useEffect(() => {
    if (keyRef.current && !keyRef.current.value) keyRef.current.value = formKey();
  }, [state]);

  function onFocus() {
    if (!check.current) void loadCheck().then((c) => (check.current = c));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (pending) return event.preventDefault();
    if (elapsedRef.current) elapsedRef.current.value = String(Date.now() - mounted.current);
    const result = check.current?.(valuesOf(new FormData(event.currentTarget)));
    if (result && !result.ok) {
      event.preventDefault();
      setLocal((l) => ({ errors: result.errors, attempt: (l?.attempt ?? 0) + 1 }));
    } else setLocal(null);
  }

  /** `local`: errors found in the browser, shown until the next send */
  return { local, keyRef, elapsedRef, onFocus, onSubmit };
}
