"use client";
// The glossary marks' tooltips (WAI-ARIA APG tooltip pattern): a mark's counterpart shows while the mark has the
// keyboard focus or the pointer, and Escape hides it. Screen readers hear it without this script: the mark is
// described by the tooltip's text (aria-describedby), and the page ends with the list of the words.
import { useEffect } from "react";

const tipOf = (target: EventTarget | null) => {
  const mark = (target as Element | null)?.closest?.("a.gloss");
  const id = mark?.getAttribute("aria-describedby");
  return id ? document.getElementById(id) : null;
};

export function GlossaryTips() {
  useEffect(() => {
    let shown: HTMLElement | null = null;
    const hide = () => {
      if (shown) shown.hidden = true;
      shown = null;
    };
    const show = (event: Event) => {
      const tip = tipOf(event.target);
      if (!tip || tip === shown) return;
      hide();
      tip.hidden = false;
      shown = tip;
    };
    const leave = (event: Event) => {
      if (tipOf(event.target) === shown) hide();
    };
    const key = (event: KeyboardEvent) => {
      if (event.key === "Escape") hide();
    };
    document.addEventListener("focusin", show);
    document.addEventListener("focusout", leave);
    document.addEventListener("mouseover", show);
    document.addEventListener("mouseout", leave);
    document.addEventListener("keydown", key);
    return () => {
      document.removeEventListener("focusin", show);
      document.removeEventListener("focusout", leave);
      document.removeEventListener("mouseover", show);
      document.removeEventListener("mouseout", leave);
      document.removeEventListener("keydown", key);
    };
  }, []);
  return null;
}
