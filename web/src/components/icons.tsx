// A handful of inline icons (decorative: every control that uses one also has a text label).
import type { SVGProps } from "react";

function Icon({ d, ...props }: SVGProps<SVGSVGElement> & { d: string }) {
  return (
    <svg
      width={18}
      height={18}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      <path d={d} />
    </svg>
  );
}

export const MicIcon = () => (
  <Icon d="M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM19 11a7 7 0 0 1-14 0M12 18v3" />
);
export const StopIcon = () => <Icon d="M7 7h10v10H7z" />;
export const SunIcon = () => (
  <Icon d="M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
);
export const MoonIcon = () => <Icon d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />;
export const SpeakerIcon = () => (
  <Icon d="M11 5 6 9H2v6h4l5 4zM15.5 8.5a5 5 0 0 1 0 7M19 5a10 10 0 0 1 0 14" />
);
export const MutedIcon = () => <Icon d="M11 5 6 9H2v6h4l5 4zM22 9l-6 6M16 9l6 6" />;
export const UploadIcon = () => <Icon d="M12 16V4M6 10l6-6 6 6M4 20h16" />;
