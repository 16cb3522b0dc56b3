import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import sv from "@/messages/sv.json";
import { contactErrorText, feedbackErrorText, type Translate } from "@/lib/contact/error-text";

describe.each([
  ["da", da],
  ["sv", sv],
] as const)("form error messages in %s", (locale, messages) => {
  const errors: string[] = [];
  const t = createTranslator({ locale, messages, onError: (e) => errors.push(e.message) }) as unknown as Translate;

  it("exist for every field and error code of both forms, with their arguments filled in", () => {
    const texts = [contactErrorText(t), feedbackErrorText(t)].flatMap((byField) =>
      Object.values(byField).flatMap((byCode) => Object.values(byCode)),
    );
    expect(errors).toEqual([]);
    for (const text of texts) {
      expect(text).not.toMatch(/[{}]|^(Contact|Forms|Feedback)\./);
      expect(text.length).toBeGreaterThan(5);
    }
  });

  it("name the field and the limit of a field that is too long", () => {
    const text = contactErrorText(t).message.tooLong;
    expect(text).toContain(messages.Contact.fields.message);
    expect(text).toMatch(/5[.\u00a0 ]000/);
  });
});
