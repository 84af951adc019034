import type { Pool } from "../db/pool.ts";
import { one } from "../db/query.ts";
import { asService } from "../db/scopes.ts";
import { AppError } from "../errors.ts";
import { effectivePlan, type Plan } from "../interviews/plans.ts";
import { listProfiles, setPlan } from "./queries.ts";

/**
 * An admin sets a user's plan (there is no payment provider): service scope, because a profile's plan is
 * the one column its owner may never write. The caller was checked to be an admin by the route.
 */
export async function setUserPlan(
  pool: Pool,
  userId: string,
  plan: { subscription_type: Plan; subscription_expires_at: string | null },
) {
  const row = await asService(pool, (tx) =>
    one(tx, setPlan, [userId, plan.subscription_type, plan.subscription_expires_at]),
  );
  if (!row) throw new AppError("not_found", "There is no such user.");
  return {
    ...row,
    subscription_type: row.subscription_type as Plan,
    effective_plan: effectivePlan(row, new Date()),
  };
}

/** People and their plans, for the admin console; the route checked the caller is an admin. */
export function listUsers(pool: Pool, filter: { search?: string; limit: number; offset: number }) {
  return asService.read(pool, listProfiles, [filter.search?.trim() || null, filter.limit, filter.offset]);
}
