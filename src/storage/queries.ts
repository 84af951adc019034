import { query } from "../db/query.ts";

export interface BucketRow {
  id: string;
  name: string;
  owner: string | null;
  public: boolean;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
  created_at: Date;
  updated_at: Date;
}

const BUCKET_COLUMNS = "id, name, owner, public, file_size_limit, allowed_mime_types, created_at, updated_at";

export const listBuckets = query<BucketRow>(
  "storage.list_buckets",
  `select ${BUCKET_COLUMNS} from storage.buckets order by id`,
);
export const bucketById = query<BucketRow>(
  "storage.bucket_by_id",
  `select ${BUCKET_COLUMNS} from storage.buckets where id = $1`,
);

export interface ObjectMetadata {
  eTag: string;
  size: number;
  mimetype: string;
  cacheControl: string;
  lastModified: string;
  contentLength: number;
  httpStatusCode: number;
}

export interface ObjectRow {
  id: string;
  bucket_id: string;
  name: string;
  owner: string | null;
  version: string;
  metadata: ObjectMetadata;
  user_metadata: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  last_accessed_at: Date | null;
}

const OBJECT_COLUMNS =
  "id, bucket_id, name, owner, version, metadata, user_metadata, created_at, updated_at, last_accessed_at";

export const objectByName = query<ObjectRow>(
  "storage.object_by_name",
  `select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name = $2`,
);

export const insertObject = query<{ id: string }>(
  "storage.insert_object",
  `insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata, version)
   values ($1, $2, $3::uuid, $3::text, $4, $5, $6) returning id`,
);

/** Insert or replace; `previous` is the version replaced, whose bytes can then go. */
export const upsertObject = query<{ id: string; previous: string | null }>(
  "storage.upsert_object",
  `with old as (
     select version from storage.objects where bucket_id = $1 and name = $2 for update
   )
   insert into storage.objects as o (bucket_id, name, owner, owner_id, metadata, user_metadata, version)
   values ($1, $2, $3::uuid, $3::text, $4, $5, $6)
   on conflict (bucket_id, name) do update
     set metadata = excluded.metadata, user_metadata = excluded.user_metadata, version = excluded.version,
         owner = excluded.owner, owner_id = excluded.owner_id, updated_at = now(), last_accessed_at = now()
   returning o.id, (select version from old) as previous`,
);

export const deleteObjects = query<ObjectRow>(
  "storage.delete_objects",
  `delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning ${OBJECT_COLUMNS}`,
);

export const renameObject = query<ObjectRow>(
  "storage.rename_object",
  `update storage.objects set bucket_id = $3, name = $4, updated_at = now()
   where bucket_id = $1 and name = $2 returning ${OBJECT_COLUMNS}`,
);

/**
 * One level of a bucket under a prefix, as Supabase's list does: entries that continue past the level are
 * folders (id null), the rest files. $2 is the prefix with a trailing slash (or empty), LIKE-escaped in $3.
 */
export const listLevel = query<{
  name: string;
  id: string | null;
  updated_at: Date | null;
  created_at: Date | null;
  last_accessed_at: Date | null;
  metadata: ObjectMetadata | null;
}>(
  "storage.list_level",
  `with level as (
     select split_part(substr(name, char_length($2) + 1), '/', 1) as entry,
            strpos(substr(name, char_length($2) + 1), '/') > 0 as is_folder,
            id, updated_at, created_at, last_accessed_at, metadata
     from storage.objects
     where bucket_id = $1 and name like $3 escape '\\'
   ), entries as (
     select entry as name, null::uuid as id, null::timestamptz as updated_at, null::timestamptz as created_at,
            null::timestamptz as last_accessed_at, null::jsonb as metadata, true as is_folder
     from level where is_folder group by entry
     union all
     select entry, id, updated_at, created_at, last_accessed_at, metadata, false from level where not is_folder
   )
   select name, id, updated_at, created_at, last_accessed_at, metadata from entries
   where ($4::text = '' or name ilike $4 || '%')
   order by is_folder desc,
     case when $5 = 'name' and $6 = 'asc' then name end asc,
     case when $5 = 'name' and $6 = 'desc' then name end desc,
     case when $5 = 'updated_at' and $6 = 'asc' then updated_at end asc,
     case when $5 = 'updated_at' and $6 = 'desc' then updated_at end desc,
     case when $5 = 'created_at' and $6 = 'asc' then created_at end asc,
     case when $5 = 'created_at' and $6 = 'desc' then created_at end desc,
     case when $5 = 'last_accessed_at' and $6 = 'asc' then last_accessed_at end asc,
     case when $5 = 'last_accessed_at' and $6 = 'desc' then last_accessed_at end desc,
     name asc
   limit $7 offset $8`,
);

export const allVersions = query<{ bucket_id: string; name: string; version: string }>(
  "storage.all_versions",
  "select bucket_id, name, version from storage.objects where version is not null",
);
