/** @type {import('prettier').Config} */
// Prettier for the XML files of the addons, with the settings of OCA's repositories.
// The plugin is installed outside the repository by setup/lint, which puts its
// node_modules folder on NODE_PATH: require.resolve finds it there.
// Whitespace sensitivity "strict" keeps the text content of every XML node as it is.
const config = {
  plugins: [require.resolve("@prettier/plugin-xml")],
  bracketSpacing: false,
  printWidth: 88,
  proseWrap: "always",
  semi: true,
  // OCA sets 4 spaces for XML in .editorconfig, which prettier reads.
  tabWidth: 4,
  trailingComma: "es5",
  xmlWhitespaceSensitivity: "strict",
};

module.exports = config;
