import js from "@eslint/js";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      "node_modules/",
      ".data/",
      "playwright-report/",
      "test-results/",
      "e2e-shuffled/",
      "db/migrations/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "react/prop-types": "off",
      "react/no-unescaped-entities": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "lucia",
              message: "Only app/auth/ may import lucia (it is unmaintained upstream).",
            },
            {
              name: "@lucia-auth/adapter-drizzle",
              message: "Only app/auth/ may import the lucia adapter.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/auth/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Playwright fixtures take a `use` callback that is not a React hook.
    files: ["e2e/**"],
    // and needs an empty object pattern for fixtures that depend on nothing.
    rules: { "react-hooks/rules-of-hooks": "off", "no-empty-pattern": "off" },
  },
);
