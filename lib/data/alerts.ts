// The alerts' reads for pages, bound to the app's client.
import "server-only";
import {
  checkConfirmToken as checkConfirmTokenIn,
  countAlerts as countAlertsIn,
  listAlertsOf as listAlertsOfIn,
  unsubscribeAlert as unsubscribeAlertIn,
} from "@/lib/alerts/store";
import { withDb } from "./with-db";

export const checkConfirmToken = withDb(checkConfirmTokenIn);
export const listAlertsOf = withDb(listAlertsOfIn);
export const countAlerts = withDb(countAlertsIn);
export const unsubscribeAlert = withDb(unsubscribeAlertIn);
