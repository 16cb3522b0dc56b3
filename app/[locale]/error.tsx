"use client";

import { useErrorText } from "@/components/site/error-text";

// Shown when rendering fails after client-side navigation; full page loads get the server's status page.
export default function ErrorBoundary({ reset }: { error: Error; reset: () => void }) {
  const t = useErrorText();
  return (
    <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
      <h1 className="text-3xl font-bold">{t.title}</h1>
      <p className="mt-4 max-w-prose">{t.body}</p>
      <p className="mt-6">
        <button type="button" onClick={reset} className="underline">
          {t.retry}
        </button>
      </p>
    </main>
  );
}
