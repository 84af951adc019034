// Applies the saved (or the system's) colour scheme before the app loads, so dark mode does not flash.
(() => {
  try {
    const saved = window.localStorage.getItem("mantine-color-scheme-value");
    const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
    const scheme = saved === "light" || saved === "dark" ? saved : dark ? "dark" : "light";
    document.documentElement.setAttribute("data-mantine-color-scheme", scheme);
  } catch {
    // Storage may be unavailable (private mode): the app sets the scheme itself once it starts.
  }
})();
