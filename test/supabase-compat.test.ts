import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate, seed } from "../src/db/migrator.ts";
import { createLogger } from "../src/logger.ts";
import { adminQuery, dropDatabase, withDatabase } from "./helpers/cluster.ts";
import { createEmptyDatabase } from "./helpers/database.ts";

// A database shaped like a Supabase project's: auth and storage exist, owned by other roles, with
// Supabase's own function bodies and extra columns; we connect as a non-superuser (like `postgres` there).
// Our migrations must run, leave Supabase's objects alone, and still enforce the policies.

const log = createLogger({ logLevel: "silent" });
const suffix = randomBytes(4).toString("hex");
const migrator = `rh_supa_owner_${suffix}`;
const authOwner = `rh_supa_auth_${suffix}`;
const storageOwner = `rh_supa_storage_${suffix}`;
const password = `pw-${suffix}`;
let database: { name: string; url: string };
let migratorUrl: string;

const PREPARE = `
  create role ${authOwner} nologin;
  create role ${storageOwner} nologin;
  create role ${migrator} login password '${password}' nosuperuser;
  grant anon, authenticated, service_role to ${migrator};
  grant ${storageOwner} to ${migrator};

  create schema auth authorization ${authOwner};
  create table auth.users (
    instance_id uuid, id uuid primary key, aud varchar(255), role varchar(255), email varchar(255),
    encrypted_password varchar(255), email_confirmed_at timestamptz, last_sign_in_at timestamptz,
    raw_app_meta_data jsonb, raw_user_meta_data jsonb, created_at timestamptz, updated_at timestamptz,
    phone text unique default null, is_sso_user boolean not null default false
  );
  create table auth.sessions (
    id uuid primary key, user_id uuid not null references auth.users (id) on delete cascade,
    created_at timestamptz, updated_at timestamptz, factor_id uuid, aal text, not_after timestamptz,
    refreshed_at timestamp, user_agent text, ip inet, tag text
  );
  create table auth.refresh_tokens (
    instance_id uuid, id bigserial primary key, token varchar(255) unique, user_id varchar(255), revoked boolean,
    created_at timestamptz, updated_at timestamptz, parent varchar(255),
    session_id uuid references auth.sessions (id) on delete cascade
  );
  create table auth.one_time_tokens (
    id uuid primary key, user_id uuid not null references auth.users (id) on delete cascade,
    token_type text not null, token_hash text not null, relates_to text not null,
    created_at timestamp not null default now(), updated_at timestamp not null default now()
  );
  alter table auth.users owner to ${authOwner};
  alter table auth.sessions owner to ${authOwner};
  alter table auth.refresh_tokens owner to ${authOwner};
  alter table auth.one_time_tokens owner to ${authOwner};
  create function auth.uid() returns uuid language sql stable as $$
    select /* supabase original */ coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid $$;
  create function auth.role() returns text language sql stable as $$
    select /* supabase original */ (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role') $$;
  create function auth.jwt() returns jsonb language sql stable as $$
    select /* supabase original */ nullif(current_setting('request.jwt.claims', true), '')::jsonb $$;
  create function auth.email() returns text language sql stable as $$
    select /* supabase original */ (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email') $$;
  alter function auth.uid() owner to ${authOwner};
  alter function auth.role() owner to ${authOwner};
  alter function auth.jwt() owner to ${authOwner};
  alter function auth.email() owner to ${authOwner};
  grant usage on schema auth to anon, authenticated, service_role;
  grant select, references on auth.users to ${migrator};

  create schema storage authorization ${storageOwner};
  create table storage.buckets (
    id text primary key, name text not null, owner uuid, public boolean default false,
    avif_autodetection boolean default false, file_size_limit bigint, allowed_mime_types text[],
    owner_id text, type text default 'STANDARD', created_at timestamptz default now(), updated_at timestamptz default now()
  );
  create table storage.objects (
    id uuid primary key default gen_random_uuid(), bucket_id text references storage.buckets (id), name text,
    owner uuid, created_at timestamptz default now(), updated_at timestamptz default now(),
    last_accessed_at timestamptz default now(), metadata jsonb, version text, owner_id text, user_metadata jsonb,
    level int
  );
  alter table storage.buckets owner to ${storageOwner};
  alter table storage.objects owner to ${storageOwner};
  alter table storage.buckets enable row level security;
  alter table storage.objects enable row level security;
  create function storage.foldername(name text) returns text[] language plpgsql as $$
    declare _parts text[]; begin /* supabase original */ select string_to_array(name, '/') into _parts;
    return _parts[1:array_length(_parts, 1) - 1]; end $$;
  create function storage.filename(name text) returns text language sql as $$ select /* supabase original */ 'x' $$;
  create function storage.extension(name text) returns text language sql as $$ select /* supabase original */ 'x' $$;
  alter function storage.foldername(text) owner to ${storageOwner};
  grant usage on schema storage to anon, authenticated, service_role;
  grant all on storage.buckets, storage.objects to anon, authenticated, service_role;
`;

beforeAll(async () => {
  database = await createEmptyDatabase();
  await adminQuery(database.url, PREPARE);
  await adminQuery(inject("adminUrl"), `alter database "${database.name}" owner to ${migrator}`);
  const url = new URL(withDatabase(inject("adminUrl"), database.name));
  url.username = migrator;
  url.password = password;
  migratorUrl = url.toString();
});

afterAll(async () => {
  if (database) await dropDatabase(inject("adminUrl"), database.name);
  await adminQuery(
    inject("adminUrl"),
    `drop role if exists ${migrator}; drop role if exists ${authOwner}; drop role if exists ${storageOwner}`,
  );
});

describe("on a Supabase-shaped database, as a non-superuser", () => {
  it("migrates and seeds, twice", async () => {
    expect((await migrate(migratorUrl, log)).length).toBeGreaterThan(0);
    await seed(migratorUrl, log);
    expect(await migrate(migratorUrl, log, { all: true })).not.toHaveLength(0);
  });

  it("leaves Supabase's functions and tables alone", async () => {
    const { rows } = await adminQuery(
      database.url,
      `select p.proname, pg_get_functiondef(p.oid) like '%supabase original%' as original
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('auth', 'storage') order by 1`,
    );
    expect(rows).toEqual(
      ["email", "extension", "filename", "foldername", "jwt", "role", "uid"].map((proname) => ({
        proname,
        original: true,
      })),
    );
    const columns = await adminQuery(
      database.url,
      "select column_name from information_schema.columns where table_schema = 'auth' and table_name = 'users'",
    );
    expect(columns.rows.map((c) => c.column_name)).toContain("is_sso_user");
    expect(columns.rows.map((c) => c.column_name)).not.toContain("is_anonymous");
    const owners = await adminQuery(
      database.url,
      "select tableowner from pg_tables where schemaname in ('auth', 'storage') group by 1 order by 1",
    );
    expect(owners.rows.map((r) => r.tableowner).sort()).toEqual([authOwner, storageOwner].sort());
  });

  it("adds the buckets, tables and policies, and the policies work through Supabase's auth.uid()", async () => {
    const client = new pg.Client({ connectionString: migratorUrl });
    await client.connect();
    try {
      const buckets = await client.query("select id from storage.buckets order by id");
      expect(buckets.rows.map((b) => b.id)).toEqual(["interview-audio", "profile-pictures", "resumes"]);
      const policies = await client.query(
        "select count(*)::int as n from pg_policies where schemaname = 'storage'",
      );
      expect(policies.rows[0].n).toBeGreaterThanOrEqual(8);

      await adminQuery(
        database.url,
        `insert into auth.users (id, email) values ('11111111-1111-4111-8111-111111111111', 'a@example.test'),
           ('22222222-2222-4222-8222-222222222222', 'b@example.test');
         insert into public.user_profiles (id, email, full_name) values
           ('11111111-1111-4111-8111-111111111111', 'a@example.test', 'A'),
           ('22222222-2222-4222-8222-222222222222', 'b@example.test', 'B');`,
      );
      await client.query("begin");
      await client.query(
        "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
        [JSON.stringify({ role: "authenticated", sub: "11111111-1111-4111-8111-111111111111" })],
      );
      const visible = await client.query("select email from public.user_profiles");
      await client.query("rollback");
      expect(visible.rows).toEqual([{ email: "a@example.test" }]);
    } finally {
      await client.end();
    }
  });
});
