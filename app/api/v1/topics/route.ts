import { topicsRoute } from "@/lib/api/routes";

// Every topic
export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = topicsRoute;
