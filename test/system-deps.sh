#!/bin/sh
# Installs the real components the tests and the demo drive, when missing:
# runc, runsc (gVisor), docker.io (dockerd, containerd, ctr) and
# busybox-static (the rootfs of the test image), podman (a client of
# hardrun beside Docker and containerd), debootstrap (a realistic
# Debian rootfs for the hardening tests) and containernetworking-plugins
# (CNI for the Kubernetes pod tests); gcc and libc6-dev (the static syscall
# probe of test/e2e/escapes-syscalls.test.ts, which fails without them);
# strace and time for the benchmarks' phase and memory figures; shellcheck
# for the lint step. Needs root on Debian.
set -eu
missing=
for package in runc runsc docker.io busybox-static podman debootstrap containernetworking-plugins gcc libc6-dev strace time shellcheck; do
	dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
# Keep the packages' services from starting: tests start private daemons.
cleanup=
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
	chmod 755 /usr/sbin/policy-rc.d
	cleanup=/usr/sbin/policy-rc.d
fi
trap '[ -z "$cleanup" ] || rm -f "$cleanup"' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -q </dev/null
# shellcheck disable=SC2086
apt-get install -y -q $missing </dev/null
