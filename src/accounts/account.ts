import { verifyPassword } from "../auth/passwords.ts";
import { deleteUser } from "../auth/queries.ts";
import type { Caller } from "../auth/service.ts";
import type { Pool } from "../db/pool.ts";
import { many } from "../db/query.ts";
import { asService, asUser } from "../db/scopes.ts";
import { AppError } from "../errors.ts";
import { deleteOwnedObjects, deleteProfile, exportQueries } from "./queries.ts";

type UserCaller = Extract<Caller, { kind: "user" }>;

/** Called with the objects removed from storage.objects, so their bytes can be removed too. */
export type ObjectsRemoved = (
  objects: { bucket_id: string; name: string; version: string | null }[],
) => Promise<void>;

/**
 * Deletes the account and everything of it: the profile (every table cascades from it), the stored objects,
 * then the auth user (sessions and tokens cascade). One transaction: all of it or none of it.
 */
export async function deleteAccount(
  pool: Pool,
  caller: UserCaller,
  password: string,
  onRemoved?: ObjectsRemoved,
) {
  if (!(await verifyPassword(caller.user.encrypted_password, password))) {
    throw new AppError("forbidden", "The password is not correct.", { field: "password" });
  }
  const userId = caller.user.id;
  const removed = await asService(pool, async (tx) => {
    const objects = await many(tx, deleteOwnedObjects, [userId]);
    await many(tx, deleteProfile, [userId]);
    await many(tx, deleteUser, [userId]);
    return objects;
  });
  await onRemoved?.(removed);
}

/** Everything stored about the caller, read as the caller: the policies guarantee it is only theirs. */
export async function exportAccount(pool: Pool, caller: UserCaller) {
  const data = await asUser(pool, caller.claims, async (tx) => {
    const sections: Record<string, unknown[]> = {};
    for (const [name, q] of Object.entries(exportQueries)) sections[name] = await many(tx, q);
    return sections;
  });
  const { user } = caller;
  return {
    exported_at: new Date().toISOString(),
    format: "rehearse-account-export/1",
    account: {
      id: user.id,
      email: user.email,
      email_confirmed_at: user.email_confirmed_at,
      created_at: user.created_at,
      last_sign_in_at: user.last_sign_in_at,
      user_metadata: user.raw_user_meta_data,
      app_metadata: user.raw_app_meta_data,
    },
    ...data,
  };
}
