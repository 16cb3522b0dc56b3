import { itemsRoute } from "@/lib/api/routes";

// Published items with the listing filters, cursor paging (lib/api/routes.ts)
export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = itemsRoute;
