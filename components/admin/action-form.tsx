"use client";
import { useActionState, useMemo, type ComponentProps } from "react";
import { submitAdminForm, type AdminFormAction } from "@/lib/admin/actions/forms";

type Props = Omit<ComponentProps<"form">, "action"> & { action: AdminFormAction; permalink: string };

// A form that posts to one of the admin's actions. Without JavaScript it posts to `permalink`, the page it is on: a
// form given a server action directly is written with an empty action attribute, which HTML does not allow.
export function ActionForm({ action, permalink, ...props }: Props) {
  const bound = useMemo(() => submitAdminForm.bind(null, action), [action]);
  const [, formAction] = useActionState(bound, null, permalink);
  return <form {...props} action={formAction} />;
}
