import { mergeUserMetadata } from "../auth/queries.ts";
import type { Pool } from "../db/pool.ts";
import { many, one } from "../db/query.ts";
import { asService, asUser, type JwtClaims } from "../db/scopes.ts";
import { AppError } from "../errors.ts";
import type { ProfilePatch } from "./profile-schema.ts";
import { activeRoleIds, ownProfile, type ProfileRow, updateOwnProfile } from "./queries.ts";

const EDITABLE = [
  "full_name",
  "phone_number",
  "date_of_birth",
  "gender",
  "location",
  "bio",
  "preferred_job_roles",
  "experience_level",
  "current_company",
  "current_position",
  "linkedin_url",
  "github_url",
  "portfolio_url",
] as const satisfies readonly (keyof ProfilePatch)[];

export async function getProfile(pool: Pool, claims: JwtClaims): Promise<ProfileRow> {
  const profile = await asUser(pool, claims, (tx) => one(tx, ownProfile));
  if (!profile) throw new AppError("not_found", "You have no profile yet.");
  return profile;
}

/** Applies the fields present in the patch, as the user, so the policies and column grants have a say. */
export async function updateProfile(pool: Pool, claims: JwtClaims, patch: ProfilePatch): Promise<ProfileRow> {
  const columns = EDITABLE.filter((column) => patch[column] !== undefined);
  const profile = await asUser(pool, claims, async (tx) => {
    const roles = patch.preferred_job_roles;
    if (roles?.length) {
      const found = new Set((await many(tx, activeRoleIds, [roles])).map((row) => row.id));
      const unknown = roles.filter((id) => !found.has(id));
      if (unknown.length > 0) {
        throw new AppError("validation_failed", "Some preferred job roles do not exist.", {
          issues: [
            { field: "body.preferred_job_roles", message: `unknown job roles: ${unknown.join(", ")}` },
          ],
        });
      }
    }
    if (columns.length === 0) {
      const current = await one(tx, ownProfile);
      if (!current) throw new AppError("not_found", "You have no profile yet.");
      return current;
    }
    const updated = await one(
      tx,
      updateOwnProfile(columns),
      columns.map((column) => patch[column] ?? null),
    );
    if (!updated) throw new AppError("not_found", "You have no profile yet.");
    return updated;
  });
  // The account's metadata carries the name too (tokens and supabase-js show it): keep the two in step.
  if (patch.full_name !== undefined) {
    await asService(pool, (tx) => one(tx, mergeUserMetadata, [profile.id, { full_name: profile.full_name }]));
  }
  return profile;
}
