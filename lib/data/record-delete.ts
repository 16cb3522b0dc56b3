// Entry point of the record delete page to the database (the page checks the session itself first).
import "server-only";
import { withDb } from "./with-db";
import { deletableRecord as deletableRecordIn } from "@/lib/admin/record-delete";

// A record with what uses it, for its delete page
export const deletableRecord = withDb(deletableRecordIn);
