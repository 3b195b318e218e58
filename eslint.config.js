// Type-aware lint of the TypeScript sources and tests: `npm run lint`.
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    // Generated code is rebuilt by `npm run generate`, never edited, so it is not linted.
    ignores: ["build/", "bin/", "node_modules/", "**/generated/"],
  },
  {
    files: ["src/**/*.ts", "test/**/*.ts"],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Numbers (counts, pids, exit codes, ms) read plainly in messages; other non-strings still need a choice.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `t.teardown(() => rmSync(dir))` and the like are the idiom: a shorthand arrow returning void hides nothing.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      // A leading underscore marks what a signature must take but does not use (a transform's context), or what a rest destructuring leaves out.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // The keys deleted are the code's own constants (a runtime's name, environment variables) on objects that mirror JSON files, not Maps.
      "@typescript-eslint/no-dynamic-delete": "off",
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // In a test a wrong `!` throws and fails the test, as an assertion would; a check would add only noise.
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
