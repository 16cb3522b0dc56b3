import { itemRoute } from "@/lib/api/routes";

// One published item by its stable id
export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = itemRoute;
