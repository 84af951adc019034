import { query } from "../db/query.ts";
import type { RoleProfile } from "./analysis/analyze.ts";

/** Active job roles, which anyone may read: the roles a resume is matched against. */
export const activeRoles = query<RoleProfile>(
  "resumes.active_roles",
  "select id, title, required_skills from public.job_roles where is_active order by title",
);
