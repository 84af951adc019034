import { Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { humanize } from "../api/errors.ts";
import { supabase } from "../api/supabase.ts";

const BUCKET = "interview-audio";

/** The recorded answer, through a short-lived signed URL from the storage API. */
export function AudioPlayer({ path, label }: { path: string; label: string }) {
  const name = path.startsWith(`${BUCKET}/`) ? path.slice(BUCKET.length + 1) : path;
  const url = useQuery({
    queryKey: ["audio-url", name],
    queryFn: async () => {
      const { data, error } = await (await supabase()).storage.from(BUCKET).createSignedUrl(name, 3600);
      if (error) throw error;
      return data.signedUrl;
    },
    staleTime: 50 * 60_000,
  });
  if (url.isError)
    return (
      <Text size="sm" c="red">
        The recording can't be played: {humanize(url.error)}
      </Text>
    );
  if (!url.data) return <Text size="sm">Loading the recording…</Text>;
  return (
    // biome-ignore lint/a11y/useMediaCaption: the transcript is shown right beside the player
    <audio
      controls
      preload="metadata"
      src={url.data}
      aria-label={label}
      style={{ width: "100%" }}
      data-testid="answer-audio"
    />
  );
}
