import type { UserRow } from "./queries.ts";

/** A user as GoTrue serializes it, which is what supabase-js expects. */
export type UserJson = {
  id: string;
  aud: "authenticated";
  role: "authenticated";
  email: string;
  email_confirmed_at: string | null;
  confirmed_at: string | null;
  confirmation_sent_at: string | null;
  recovery_sent_at: string | null;
  new_email?: string;
  email_change_sent_at?: string | null;
  phone: string;
  last_sign_in_at: string | null;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  identities: unknown[];
  created_at: string;
  updated_at: string;
  is_anonymous: boolean;
};

const iso = (value: Date | null | undefined) => (value ? new Date(value).toISOString() : null);

export function appMetadata(row: Pick<UserRow, "raw_app_meta_data">): Record<string, unknown> {
  return { provider: "email", providers: ["email"], ...row.raw_app_meta_data };
}

export function toUserJson(row: UserRow): UserJson {
  const identity = {
    identity_id: row.id,
    id: row.id,
    user_id: row.id,
    identity_data: {
      email: row.email,
      email_verified: row.email_confirmed_at !== null,
      phone_verified: false,
      sub: row.id,
    },
    provider: "email",
    last_sign_in_at: iso(row.last_sign_in_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    email: row.email,
  };
  return {
    id: row.id,
    aud: "authenticated",
    role: "authenticated",
    email: row.email,
    email_confirmed_at: iso(row.email_confirmed_at),
    confirmed_at: iso(row.email_confirmed_at),
    confirmation_sent_at: iso(row.confirmation_sent_at),
    recovery_sent_at: iso(row.recovery_sent_at),
    ...(row.email_change
      ? { new_email: row.email_change, email_change_sent_at: iso(row.email_change_sent_at) }
      : {}),
    phone: "",
    last_sign_in_at: iso(row.last_sign_in_at),
    app_metadata: appMetadata(row),
    user_metadata: row.raw_user_meta_data,
    identities: [identity],
    created_at: iso(row.created_at) ?? new Date().toISOString(),
    updated_at: iso(row.updated_at) ?? new Date().toISOString(),
    is_anonymous: false,
  };
}

/** What signup answers for an address that is already registered: a plausible user, no session. */
export function obfuscatedUser(email: string, id: string): UserJson {
  const now = new Date().toISOString();
  return {
    id,
    aud: "authenticated",
    role: "authenticated",
    email,
    email_confirmed_at: null,
    confirmed_at: null,
    confirmation_sent_at: now,
    recovery_sent_at: null,
    phone: "",
    last_sign_in_at: null,
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: {},
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}
