/**
 * postrm: the package changes no daemon's configuration (`hardrun setup`
 * does, as the operator asks), so removing it must not either. It says, once
 * the files are gone, when Docker or containerd still name them, and how to
 * undo the registration: a default runtime that is gone stops every container.
 */
export const postrm = `#!/bin/sh
set -e
if [ "$1" = remove ]; then
	if grep -qsF /usr/bin/hardrun /etc/docker/daemon.json; then
		cat >&2 <<'EOT'
hardrun: /etc/docker/daemon.json still registers /usr/bin/hardrun, which is
now removed: dockerd cannot run a container with --runtime=hardrun, nor any
container if hardrun is its default-runtime. To undo "hardrun setup docker":
reinstall hardrun and run "hardrun setup docker --remove", or delete the
"hardrun" entry of "runtimes" (and "default-runtime": "hardrun") from
/etc/docker/daemon.json, then reload dockerd (systemctl reload docker).
EOT
	fi
	files=$(grep -rlsF -e /usr/bin/hardrun -e /usr/bin/containerd-shim-hardrun-v2 /etc/containerd || true)
	if [ -n "$files" ]; then
		cat >&2 <<EOT
hardrun: containerd's configuration still names hardrun, which is now removed:
$files
To undo "hardrun setup containerd": reinstall hardrun and run
"hardrun setup containerd --remove --config /etc/containerd/config.toml",
or delete hardrun's runtime tables from those files, then restart containerd.
EOT
	fi
fi
exit 0
`;
