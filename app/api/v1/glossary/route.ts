import { glossaryRoute } from "@/lib/api/routes";

// The glossary
export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = glossaryRoute;
