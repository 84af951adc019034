-- The recordings browsers make (WebM/Opus, Ogg) and FLAC and AAC are accepted besides the document's three
-- (db/migrations/0012_audio_formats.sql says why); an admin's own choice of formats stays.
update public.app_settings
   set setting_value = '["wav", "mp3", "m4a", "webm", "ogg", "flac", "aac"]'
 where setting_key = 'supported_audio_formats' and setting_value = '["wav", "mp3", "m4a"]'::jsonb;
