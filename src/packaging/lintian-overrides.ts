/**
 * /usr/share/lintian/overrides/hardrun: lintian's errors that a Bun
 * executable cannot avoid, each with its reason. Its warnings are left to
 * show (hardening-no-pie, hardening-no-relro: Bun's runtime is linked so).
 */
export const lintianOverrides = `# The engine is a Bun executable (bun build --compile): the JavaScript is
# carried inside the Bun runtime's own ELF file, which strip(1) breaks (a
# stripped engine answers "Script not found"), for 50 KB saved of 114 MB.
hardrun: unstripped-binary-or-object [usr/libexec/hardrun/hardrun-engine]
# Bun links its libraries statically, libjpeg among them; hardrun never
# decodes an image. A fix in one reaches the package with a Bun upgrade
# (the bun version pinned in package.json), not through Debian's library.
hardrun: embedded-library libjpeg [usr/libexec/hardrun/hardrun-engine]
`;
