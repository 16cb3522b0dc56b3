import { advisersRoute } from "@/lib/api/routes";

// Advisers' public fields
export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = advisersRoute;
