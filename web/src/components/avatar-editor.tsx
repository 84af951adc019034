import { Alert, Avatar, Button, FileButton, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { sameOriginUrl } from "../api/config.ts";
import { humanize } from "../api/errors.ts";
import { keys } from "../api/keys.ts";
import type { Profile } from "../api/types.ts";
import { uploadWithProgress } from "../api/upload.ts";
import { AvatarCropper } from "./avatar-cropper.tsx";
import { LabeledProgress } from "./labeled-progress.tsx";

const TYPES = ["image/jpeg", "image/png", "image/webp"];
const MAX_BYTES = 5 * 1024 * 1024;

/** The profile picture: choose a file, crop it square with a preview, upload. */
export function AvatarEditor({ profile }: { profile: Profile }) {
  const queryClient = useQueryClient();
  const [source, setSource] = useState<string>();
  const [error, setError] = useState<string>();
  const [progress, setProgress] = useState<number>();

  const choose = (file: File | null) => {
    setError(undefined);
    if (!file) return;
    if (!TYPES.includes(file.type)) return setError("Choose a JPEG, PNG or WebP picture.");
    if (file.size > 20 * 1024 * 1024) return setError("That picture is over 20 MB; choose a smaller one.");
    // A data: URL rather than a blob: URL — the server's content security policy allows only data: images.
    const reader = new FileReader();
    reader.onload = () => setSource(String(reader.result));
    reader.onerror = () => setError("That file could not be read.");
    reader.readAsDataURL(file);
  };

  const upload = async (blob: Blob) => {
    if (blob.size > MAX_BYTES)
      return setError("The cropped picture is over 5 MB; zoom in or choose another.");
    setProgress(0);
    try {
      const updated = await uploadWithProgress<Profile>("/api/profile/picture", blob, {
        method: "PUT",
        contentType: "image/jpeg",
        onProgress: setProgress,
      });
      queryClient.setQueryData(keys.profile, updated);
      setSource(undefined);
      notifications.show({ color: "green", message: "Your picture was updated." });
    } catch (caught) {
      setError(humanize(caught));
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <Stack gap="xs">
      <Group>
        <Avatar
          src={sameOriginUrl(profile.profile_picture_url)}
          alt={profile.profile_picture_url ? "Your profile picture" : ""}
          size={80}
          radius="50%"
          name={profile.full_name}
          color="indigo"
        />
        <FileButton onChange={choose} accept={TYPES.join(",")}>
          {(props) => (
            <Button variant="default" {...props} data-testid="avatar-choose">
              {profile.profile_picture_url ? "Change picture" : "Add a picture"}
            </Button>
          )}
        </FileButton>
      </Group>
      <Text size="xs" c="dimmed">
        JPEG, PNG or WebP. You'll crop it to a square before it's saved.
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Modal
        opened={Boolean(source)}
        onClose={() => setSource(undefined)}
        title="Crop your picture"
        size="lg"
      >
        {source && (
          <Stack>
            <AvatarCropper
              src={source}
              busy={progress !== undefined}
              onCancel={() => setSource(undefined)}
              onCrop={upload}
            />
            {progress !== undefined && (
              <LabeledProgress value={progress * 100} label="Upload progress" animated />
            )}
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
