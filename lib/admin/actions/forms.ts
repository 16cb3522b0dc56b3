"use server";
import { logout } from "@/lib/auth/actions";
import { staffAction } from "@/lib/auth/guard";
import { removeAttachmentAction, renameAttachmentAction, retryAttachmentTextAction } from "./attachments";
import { exportContentAction } from "./export";
import { deleteMessageAction, setMessageStatusAction } from "./inbox";
import { deleteItemAction, restoreRevisionAction } from "./items";
import { resendMailAction } from "./mail";
import { deleteRecordAction } from "./record-delete";
import { markReviewedAction, setItemOwnerAction } from "./review";
import { resetSecondFactorAction, resetStaffPasswordAction, setStaffActiveAction } from "./staff";

// The admin's one-button forms, each an action that checks the session itself and ends in a redirect
const actions = {
  logout,
  removeAttachment: removeAttachmentAction,
  renameAttachment: renameAttachmentAction,
  retryAttachmentText: retryAttachmentTextAction,
  exportContent: exportContentAction,
  deleteMessage: deleteMessageAction,
  setMessageStatus: setMessageStatusAction,
  deleteItem: deleteItemAction,
  restoreRevision: restoreRevisionAction,
  resendMail: resendMailAction,
  deleteRecord: deleteRecordAction,
  markReviewed: markReviewedAction,
  setItemOwner: setItemOwnerAction,
  resetSecondFactor: resetSecondFactorAction,
  resetStaffPassword: resetStaffPasswordAction,
  setStaffActive: setStaffActiveAction,
};

export type AdminFormAction = keyof typeof actions;

// Run one of them in the shape useActionState calls (previous state, form), so that its form can name the page it
// was drawn on as the address to post to without JavaScript (components/admin/action-form.tsx). The dispatcher is
// itself guarded (any logged-in member, a member who must change the password included, so that logout works); each
// action then checks its own role.
export const submitAdminForm = staffAction(
  "editor",
  async function submitAdminForm(_staff, name: AdminFormAction, _previous: null, form: FormData): Promise<null> {
    if (!Object.hasOwn(actions, name)) throw new Error("Unknown admin form action");
    await actions[name](form);
    return null;
  },
  undefined,
  { passwordChange: true },
);
