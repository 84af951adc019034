/**
 * The recording formats Rehearse can accept (ffmpeg decodes each): what `supported_audio_formats` may list,
 * and its default. WebM/Opus and Ogg are what browsers record; the design document named only wav, mp3, m4a.
 */
export const AUDIO_FORMATS = ["wav", "mp3", "m4a", "webm", "ogg", "flac", "aac"] as const;
export type AudioFormatName = (typeof AUDIO_FORMATS)[number];
