-- Recordings as browsers and phones make them: WebM/Opus (Chrome and Firefox's MediaRecorder), Ogg, FLAC and
-- raw AAC, besides the document's wav, mp3 and m4a. ffmpeg decodes them all; the content is still checked
-- against the declared type and probed for an audio stream (docs/decisions/0013-voice.md).
update storage.buckets
   set allowed_mime_types = array(select distinct unnest(allowed_mime_types || array['audio/webm', 'audio/ogg', 'audio/flac', 'audio/aac']) order by 1)
 where id = 'interview-audio' and allowed_mime_types is not null
   and not allowed_mime_types @> array['audio/webm', 'audio/ogg', 'audio/flac', 'audio/aac'];

-- The accepted formats follow, where the setting still holds the document's default (an admin's own choice
-- stays). A fresh database gets the same from db/seeds/0004_audio_formats.sql, as its settings are seeded
-- after the migrations.
update public.app_settings
   set setting_value = '["wav", "mp3", "m4a", "webm", "ogg", "flac", "aac"]'
 where setting_key = 'supported_audio_formats' and setting_value = '["wav", "mp3", "m4a"]'::jsonb;
