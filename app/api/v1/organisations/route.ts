import { organisationsRoute } from "@/lib/api/routes";

// Organisations
export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = organisationsRoute;
