import { itemBySlugRoute } from "@/lib/api/routes";

// One published item by language and slug
export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = itemBySlugRoute;
