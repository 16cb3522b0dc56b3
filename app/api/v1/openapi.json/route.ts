import { openApiRoute } from "@/lib/api/routes";

// The OpenAPI 3.1 document
export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = openApiRoute;
