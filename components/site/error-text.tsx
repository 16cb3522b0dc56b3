"use client";

import { createContext, useContext, type ReactNode } from "react";

export type ErrorText = { title: string; body: string; retry: string };

const Context = createContext<ErrorText | null>(null);

// Hands the error boundary its translated strings (set by the locale layout)
export function ErrorTextProvider({ text, children }: { text: ErrorText; children: ReactNode }) {
  return <Context.Provider value={text}>{children}</Context.Provider>;
}

export function useErrorText(): ErrorText {
  const text = useContext(Context);
  if (!text) throw new Error("ErrorTextProvider is missing");
  return text;
}
