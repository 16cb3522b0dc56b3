"use server";
import { answerGuardedForm } from "@/lib/forms/guarded-answer";
import { submitFeedback } from "./feedback";
import { feedbackValues, type FeedbackFormState } from "./schema";

// Send a "Was this page helpful?" answer
export async function sendFeedback(previous: FeedbackFormState, form: FormData): Promise<FeedbackFormState> {
  return answerGuardedForm(previous, form, { values: feedbackValues, submit: submitFeedback, what: "feedback form" });
}
