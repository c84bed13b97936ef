/**
 * The formatting buttons, in order: shared by the working toolbar (toolbar.client.tsx) and the
 * inert copy shown above the plain textarea until the editor loads, so nothing moves when it does.
 */
export const TOOLBAR_BUTTONS = [
  { name: "Bold", glyph: "B", shortcut: "Mod+B" },
  { name: "Italic", glyph: "I", shortcut: "Mod+I" },
  { name: "Strike", glyph: "S", shortcut: "Mod+Shift+S" },
  { name: "Code", glyph: "</>", shortcut: "Mod+E" },
  { name: "Heading 2", glyph: "H2", shortcut: "Mod+Alt+2" },
  { name: "Heading 3", glyph: "H3", shortcut: "Mod+Alt+3" },
  { name: "Bullet list", glyph: "•", shortcut: "Mod+Shift+8" },
  { name: "Numbered list", glyph: "1.", shortcut: "Mod+Shift+7" },
  { name: "Quote", glyph: "❝", shortcut: "Mod+Shift+B" },
  { name: "Code block", glyph: "{ }", shortcut: "Mod+Alt+C" },
  { name: "Link", glyph: "Link", shortcut: "Mod+K" },
] as const;

export type ToolbarButtonName = (typeof TOOLBAR_BUTTONS)[number]["name"];
