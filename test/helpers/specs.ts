/** Where a test's call comes from: a bundle, and Docker's --root. */
export const testOrigin = { bundle: '/bundles/c1', root: '/run/docker/runtime-runc/moby' };

/** The smallest config.json the built-in policy lets through: private namespaces, a process, a rootfs. */
export const minimalSpec = {
  ociVersion: '1.0.2',
  process: { args: ['true'], cwd: '/' },
  root: { path: 'rootfs' },
  linux: { namespaces: [{ type: 'pid' }, { type: 'network' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }] },
};
