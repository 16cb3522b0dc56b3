"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";

type Props = {
  /** Id of the read-only field that holds the link. */
  fieldId: string;
  url: string;
  words: { copy: string; copied: string; copyFailed: string; print: string };
};

const subscribeNever = () => () => {};

// Copy and print buttons: shown only once JavaScript runs (without it the link field and the e-mail link remain)
export function ShareActions({ fieldId, url, words }: Props) {
  // The buttons need the browser: the server's HTML has none (false there, true once hydrated), so that without
  // JavaScript no button is dead.
  const ready = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  const [status, setStatus] = useState("");
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const copy = async () => {
    window.clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(url);
      setStatus(words.copied);
    } catch {
      const field = document.getElementById(fieldId);
      if (field instanceof HTMLInputElement) {
        field.focus();
        field.select();
      }
      setStatus(words.copyFailed);
    }
    timer.current = window.setTimeout(() => setStatus(""), 6000);
  };

  const button =
    "inline-flex min-h-11 items-center rounded border border-brand px-3 py-2 font-semibold text-brand hover:bg-tint";
  return (
    <>
      {ready && (
        <>
          <button type="button" className={button} onClick={copy} data-testid="share-copy">
            {words.copy}
          </button>
          <button type="button" className={button} onClick={() => window.print()} data-testid="share-print">
            {words.print}
          </button>
        </>
      )}
      <p role="status" aria-live="polite" className="basis-full text-sm" data-testid="share-status">
        {status}
      </p>
    </>
  );
}
