import { type CSSVariablesResolver, createTheme, Modal } from "@mantine/core";

export const theme = createTheme({
  primaryColor: "indigo",
  // Shades whose white text passes WCAG AA (4.5:1) on filled buttons in both schemes.
  primaryShade: { light: 7, dark: 8 },
  focusRing: "auto",
  defaultRadius: "md",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  headings: {
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  cursorType: "pointer",
  components: {
    // Every dialog's close button gets a name for screen readers.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close dialog" } } }),
  },
});

/**
 * Filled colours dark enough for white text (WCAG AA, 4.5:1) in both schemes; Mantine's default shades of
 * green, orange, red, teal, blue and cyan fall short of it.
 */
const FILLED: Record<string, [string, string]> = {
  red: ["#c92a2a", "#a61e1e"],
  green: ["#237032", "#1b5e28"],
  orange: ["#c2410c", "#a3370a"],
  yellow: ["#8a5a00", "#744b00"],
  teal: ["#0b7a6e", "#09665c"],
  blue: ["#1971c2", "#155fa3"],
  cyan: ["#0b7285", "#095f6f"],
};

function filled(withText: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [color, [base, hover]] of Object.entries(FILLED)) {
    out[`--mantine-color-${color}-filled`] = base;
    out[`--mantine-color-${color}-filled-hover`] = hover;
    if (withText) {
      out[`--mantine-color-${color}-text`] = base;
      out[`--mantine-color-${color}-outline`] = base;
    }
  }
  return out;
}

/** Darker secondary text, "light" variant text and filled colours than Mantine's defaults, for AA contrast. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...filled(true),
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-placeholder": "var(--mantine-color-gray-6)",
    "--mantine-color-green-light-color": "#1b5e20",
    "--mantine-color-teal-light-color": "#0b524a",
    "--mantine-color-yellow-light-color": "#6b4400",
    "--mantine-color-orange-light-color": "#8a3200",
    "--mantine-color-cyan-light-color": "#0b4f5e",
    "--mantine-color-red-light-color": "#a51111",
  },
  dark: {
    ...filled(false),
    "--mantine-color-dimmed": "var(--mantine-color-dark-1)",
    "--mantine-color-placeholder": "var(--mantine-color-dark-2)",
  },
});
