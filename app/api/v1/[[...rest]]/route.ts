import { unknownRoute } from "@/lib/api/routes";

// Any other path under /api/v1: a 404 problem document
export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = unknownRoute;
