import { type CSSVariablesResolver, createTheme } from "@mantine/core";

// Light scheme only. Shades are chosen so text and filled controls meet WCAG AA contrast
// (Mantine's default blue-6 on white and gray-6 "dimmed" text do not).
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: "md",
  cursorType: "pointer",
  focusRing: "auto",
  components: {
    // Keep closed dropdowns out of the DOM: a hidden listbox is also "labelled" by the field's label.
    // (Plain object rather than Select.extend so the login chunk does not pull in Combobox.)
    Select: { defaultProps: { comboboxProps: { keepMounted: false } } },
  },
  headings: {
    sizes: {
      h1: { fontSize: "1.75rem", lineHeight: "1.25" },
      h2: { fontSize: "1.25rem", lineHeight: "1.3" },
      h3: { fontSize: "1.05rem", lineHeight: "1.35" },
    },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "#5c636a",
    "--mantine-color-error": "var(--mantine-color-red-9)",
    "--mantine-color-placeholder": "#6b7178",
    // Darker text for "light" variants (Badge, Alert title) so they pass 4.5:1 on the tinted background.
    "--mantine-color-red-light-color": "#a51d1d",
    "--mantine-color-orange-light-color": "#9a3412",
    "--mantine-color-yellow-light-color": "#7a5a00",
    "--mantine-color-green-light-color": "#1e6b30",
    "--mantine-color-teal-light-color": "#0b5e46",
    // Hover tint for light variants (active NavLink, light buttons) that keeps blue-9 text at 4.5:1.
    "--mantine-color-blue-light-hover": "#c3e4ff",
  },
  dark: {},
});
