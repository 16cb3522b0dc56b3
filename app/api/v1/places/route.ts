import { placesRoute } from "@/lib/api/routes";

// Places
export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = placesRoute;
