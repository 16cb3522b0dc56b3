import { searchRoute } from "@/lib/api/routes";

// The site's search
export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = searchRoute;
