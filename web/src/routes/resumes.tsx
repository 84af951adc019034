import "@mantine/dropzone/styles.css";
import { Alert, Anchor, Badge, Button, Card, Group, Menu, Stack, Text, Title } from "@mantine/core";
import { Dropzone, type FileRejection } from "@mantine/dropzone";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../api/client.ts";
import { humanize } from "../api/errors.ts";
import { keys } from "../api/keys.ts";
import { useLimits, useResumes } from "../api/queries.ts";
import type { Resume } from "../api/types.ts";
import { uploadWithProgress } from "../api/upload.ts";
import { useAnnounce } from "../components/announcer.tsx";
import { useConfirm } from "../components/confirm.tsx";
import { ErrorAlert } from "../components/error-alert.tsx";
import { UploadIcon } from "../components/icons.tsx";
import { LabeledProgress } from "../components/labeled-progress.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { ResumeStatus } from "../components/resume-status.tsx";
import { bytes, date } from "../format.ts";

function Uploader() {
  const queryClient = useQueryClient();
  // The max_resume_size_mb setting, which admins may change.
  const maxMb = useLimits().data?.max_resume_size_mb ?? 10;
  const announce = useAnnounce();
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<string>();
  const [name, setName] = useState<string>();

  const upload = async (file: File) => {
    setError(undefined);
    setName(file.name);
    setProgress(0);
    announce(`Uploading ${file.name}.`);
    try {
      const form = new FormData();
      form.append("file", file, file.name);
      await uploadWithProgress<Resume>("/api/resumes", form, { onProgress: setProgress });
      announce(`${file.name} uploaded. The analysis has started.`);
      notifications.show({ color: "green", title: "Uploaded", message: "We're analyzing your resume now." });
      await queryClient.invalidateQueries({ queryKey: keys.resumes });
    } catch (caught) {
      const message = humanize(caught);
      setError(message);
      announce(`Upload failed: ${message}`, "assertive");
    } finally {
      setProgress(undefined);
    }
  };

  const reject = (rejections: FileRejection[]) => {
    const first = rejections[0];
    const code = first?.errors[0]?.code;
    setError(
      code === "file-too-large"
        ? `${first?.file.name} is larger than ${maxMb} MB. Export a smaller PDF.`
        : code === "file-invalid-type"
          ? `${first?.file.name} is not a PDF. Save or export your resume as PDF first.`
          : "Drop one PDF at a time.",
    );
  };

  return (
    <Stack gap="xs">
      <Dropzone
        onDrop={(files) => files[0] && upload(files[0])}
        onReject={reject}
        accept={["application/pdf"]}
        maxSize={maxMb * 1024 * 1024}
        multiple={false}
        loading={progress !== undefined}
        aria-label="Upload a resume: drop a PDF here or press Enter to choose a file"
        data-testid="resume-dropzone"
      >
        <Group justify="center" gap="md" mih={110} style={{ pointerEvents: "none" }}>
          <UploadIcon />
          <div>
            <Text size="lg" inline>
              Drop your resume here, or click to choose
            </Text>
            <Text size="sm" c="dimmed" mt={6}>
              One PDF, up to {maxMb} MB. A text PDF (not a scan) gives the best analysis.
            </Text>
          </div>
        </Group>
      </Dropzone>
      {progress !== undefined && (
        <div>
          <Text size="sm" id="upload-label">
            Uploading {name}… {Math.round(progress * 100)}%
          </Text>
          <LabeledProgress value={progress * 100} label="Upload progress" testId="upload-progress" />
        </div>
      )}
      {error && (
        <Alert color="red" role="alert" title="Not uploaded">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

function ResumeCard({ resume }: { resume: Resume }) {
  const queryClient = useQueryClient();
  const [dialog, confirm] = useConfirm();
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.resumes });
  const activate = useMutation({
    mutationFn: () =>
      api<Resume>(`/api/resumes/${resume.id}`, { method: "PATCH", body: { is_active: true } }),
    onSuccess: refresh,
    onError: (e) => notifications.show({ color: "red", title: "Not changed", message: humanize(e) }),
  });
  const remove = useMutation({
    mutationFn: () => api<void>(`/api/resumes/${resume.id}`, { method: "DELETE" }),
    onSuccess: () => {
      notifications.show({ message: `${resume.file_name} was deleted.` });
      return refresh();
    },
    onError: (e) => notifications.show({ color: "red", title: "Not deleted", message: humanize(e) }),
  });
  return (
    <Card withBorder padding="md" data-testid="resume-card">
      {dialog}
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Group gap="xs">
            <Anchor component={Link} to={`/resumes/${resume.id}`} fw={600}>
              {resume.file_name}
            </Anchor>
            {resume.is_active && (
              <Badge color="indigo" variant="filled">
                Active
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            Uploaded {date(resume.upload_date)} · {bytes(resume.file_size_bytes)}
          </Text>
          <Group gap="xs">
            <ResumeStatus resume={resume} />
            {resume.status === "failed" && resume.status_reason && (
              <Text size="sm" c="red">
                {resume.status_reason}
              </Text>
            )}
          </Group>
        </Stack>
        <Group gap="xs">
          <Button component={Link} to={`/resumes/${resume.id}`} variant="light">
            Open analysis
          </Button>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="default" aria-label={`More actions for ${resume.file_name}`}>
                More
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item disabled={resume.is_active} onClick={() => activate.mutate()}>
                Set as active resume
              </Menu.Item>
              <Menu.Item
                color="red"
                onClick={async () => {
                  const sure = await confirm({
                    title: "Delete this resume?",
                    message: `${resume.file_name} and its analysis will be deleted for good.`,
                    confirmLabel: "Delete",
                    danger: true,
                  });
                  if (sure) remove.mutate();
                }}
              >
                Delete
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
    </Card>
  );
}

export default function ResumesPage() {
  const resumes = useResumes();
  return (
    <Page title="Resumes">
      <Text>
        Upload your resume for a scored analysis: ATS problems and how to fix them, the skills we found,
        keywords for your target role, and suggestions on weak lines. Your active resume shapes your interview
        questions.
      </Text>
      <Uploader />
      <Title order={2} size="h4">
        Your resumes
      </Title>
      {resumes.isPending && <PageLoader />}
      {resumes.isError && <ErrorAlert error={resumes.error} onRetry={() => resumes.refetch()} />}
      {resumes.data?.length === 0 && <Text c="dimmed">No resume yet. Drop your first one above.</Text>}
      <Stack gap="sm">
        {resumes.data?.map((resume) => (
          <ResumeCard key={resume.id} resume={resume} />
        ))}
      </Stack>
    </Page>
  );
}
