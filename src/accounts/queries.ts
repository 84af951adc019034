import { query } from "../db/query.ts";

export const insertProfile = query(
  "accounts.insert_profile",
  "insert into public.user_profiles (id, email, full_name) values ($1, $2, $3)",
);

export const syncProfileEmail = query(
  "accounts.sync_profile_email",
  "update public.user_profiles set email = $2 where id = $1",
);

export const syncProfileName = query(
  "accounts.sync_profile_name",
  "update public.user_profiles set full_name = $2 where id = $1",
);
