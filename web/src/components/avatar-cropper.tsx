import { Button, Group, Slider, Stack, Text } from "@mantine/core";
import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from "react";

const FRAME = 280;
const OUTPUT = 512;

interface View {
  zoom: number;
  x: number;
  y: number;
}

/** Crops an image to a square: drag (or arrow keys) to move, the slider (or +/−) to zoom; a preview shows the result. */
export function AvatarCropper({
  src,
  busy,
  onCancel,
  onCrop,
}: {
  src: string;
  busy?: boolean;
  onCancel: () => void;
  onCrop: (blob: Blob) => void;
}) {
  const [image, setImage] = useState<HTMLImageElement>();
  const [view, setView] = useState<View>({ zoom: 1, x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; start: View } | undefined>(undefined);
  const preview = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const img = new Image();
    img.onload = () => {
      setImage(img);
      const base = FRAME / Math.min(img.naturalWidth, img.naturalHeight);
      setView({
        zoom: 1,
        x: (FRAME - img.naturalWidth * base) / 2,
        y: (FRAME - img.naturalHeight * base) / 2,
      });
    };
    img.src = src;
  }, [src]);

  const base = image ? FRAME / Math.min(image.naturalWidth, image.naturalHeight) : 1;
  const scale = base * view.zoom;
  const clamp = (next: View): View => {
    if (!image) return next;
    const s = base * next.zoom;
    const minX = FRAME - image.naturalWidth * s;
    const minY = FRAME - image.naturalHeight * s;
    return {
      zoom: next.zoom,
      x: Math.min(0, Math.max(minX, next.x)),
      y: Math.min(0, Math.max(minY, next.y)),
    };
  };
  const zoomTo = (zoom: number) =>
    setView((current) => {
      // Zoom around the frame's centre.
      const ratio = zoom / current.zoom;
      const cx = FRAME / 2;
      return clamp({ zoom, x: cx - (cx - current.x) * ratio, y: cx - (cx - current.y) * ratio });
    });

  // The square as it will be saved, drawn small beside the frame.
  useEffect(() => {
    const canvas = preview.current;
    if (!canvas || !image) return;
    draw(canvas, image, view, scale);
  }, [image, view, scale]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, start: view };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const from = drag.current;
    if (!from) return;
    setView(
      clamp({
        ...from.start,
        x: from.start.x + event.clientX - from.x,
        y: from.start.y + event.clientY - from.y,
      }),
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 20 : 5;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      setView((v) => clamp({ ...v, x: v.x + move[0], y: v.y + move[1] }));
    } else if (event.key === "+" || event.key === "=") {
      event.preventDefault();
      zoomTo(Math.min(3, view.zoom + 0.1));
    } else if (event.key === "-") {
      event.preventDefault();
      zoomTo(Math.max(1, view.zoom - 0.1));
    }
  };

  const save = () => {
    if (!image) return;
    const canvas = document.createElement("canvas");
    canvas.width = OUTPUT;
    canvas.height = OUTPUT;
    draw(canvas, image, view, scale);
    canvas.toBlob((blob) => blob && onCrop(blob), "image/jpeg", 0.9);
  };

  return (
    <Stack>
      <Group align="flex-start" wrap="wrap">
        <div
          className="crop-frame"
          style={{ width: FRAME, height: FRAME }}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the crop area is moved with the arrow keys, so it takes focus
          tabIndex={0}
          role="application"
          aria-label="Crop area. Use the arrow keys to move the picture, plus and minus to zoom."
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => {
            drag.current = undefined;
          }}
          onKeyDown={onKeyDown}
          data-testid="avatar-crop-area"
        >
          {image && (
            <img
              src={src}
              alt=""
              style={{
                left: view.x,
                top: view.y,
                width: image.naturalWidth * scale,
                height: image.naturalHeight * scale,
              }}
            />
          )}
        </div>
        <Stack gap={4} align="center">
          <canvas
            ref={preview}
            width={120}
            height={120}
            style={{ borderRadius: "50%", width: 120, height: 120 }}
            aria-label="Preview of the cropped picture"
            role="img"
          />
          <Text size="xs" c="dimmed">
            Preview
          </Text>
        </Stack>
      </Group>
      <div>
        <Text size="sm" id="zoom-label" mb={4}>
          Zoom
        </Text>
        <Slider
          min={1}
          max={3}
          step={0.05}
          value={view.zoom}
          onChange={zoomTo}
          aria-labelledby="zoom-label"
          thumbLabel="Zoom"
          label={(v) => `${v.toFixed(1)}×`}
          maw={FRAME}
        />
      </div>
      <Group>
        <Button onClick={save} loading={busy} disabled={!image} data-testid="avatar-save">
          Save picture
        </Button>
        <Button variant="default" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

function draw(canvas: HTMLCanvasElement, image: HTMLImageElement, view: View, scale: number) {
  const context = canvas.getContext("2d");
  if (!context) return;
  const size = FRAME / scale;
  context.imageSmoothingQuality = "high";
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, -view.x / scale, -view.y / scale, size, size, 0, 0, canvas.width, canvas.height);
}
