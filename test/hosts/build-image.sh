#!/usr/bin/env bash
# Builds (once) the base disk image of a Debian test host and prints the
# directory that holds it: base.img (ext4, raw), vmlinuz, initrd.img and
# packages.txt (what was installed). Usage: build-image.sh SUITE
#
# The image is Debian as its users run it: the suite's own kernel, systemd,
# cgroup v2, AppArmor, docker.io, containerd, runc, crun, busybox-static, all
# from Debian's archive, plus a unit (guest/hardrun-test.service) that runs a
# test disk's script after docker.service and powers off.
#
# Cache: /var/cache/hardrun-test/hosts/SUITE/RECIPE/. RECIPE names this
# script's recipe: bump it whenever what goes into the image changes, and the
# next run builds a new image beside the old one. A build happens in a
# temporary directory beside the target and is renamed into place only when
# complete, so an interrupted build never leaves a directory that looks done;
# a lock keeps two builds of one suite apart.
set -euo pipefail

RECIPE=r2
suite=${1:?usage: build-image.sh SUITE (bookworm, trixie, sid)}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache_root=${HARDRUN_HOSTS_CACHE:-/var/cache/hardrun-test/hosts}
suite_dir=$cache_root/$suite
target=$suite_dir/$RECIPE
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
image_size=${HARDRUN_HOSTS_IMAGE_SIZE:-6G}

log() { printf '[build %s %s] %s\n' "$suite" "$(date -u +%H:%M:%S)" "$*" >&2; }

case $suite in
bookworm | trixie) security=$suite-security; updates=$suite-updates ;;
sid) security=; updates= ;;
*) echo "build-image.sh: unknown suite $suite (bookworm, trixie, sid)" >&2; exit 2 ;;
esac

# sid's Release file may carry a Valid-Until older than this machine's clock.
apt_opts=(-o Acquire::Check-Valid-Until=false -o Acquire::Retries=3)

# containernetworking-plugins and iproute2: the pod checks' network (a veth
# end moved into the pod by the host-device plugin, as test/shim does).
packages=(linux-image-amd64 docker.io containerd runc crun apparmor busybox-static
	iptables ca-certificates procps util-linux e2fsprogs containernetworking-plugins iproute2)
# From trixie on, the docker command is in its own package.
[[ $suite == bookworm ]] || packages+=(docker-cli)

if [[ -f $target/done ]]; then
	echo "$target"
	exit 0
fi

mkdir -p "$suite_dir"
exec 9>"$suite_dir/.lock"
flock 9
# Another build may have finished while this one waited for the lock.
if [[ -f $target/done ]]; then
	echo "$target"
	exit 0
fi

# Removes a build directory, never what is mounted below it: a chroot's /dev,
# /proc and /sys are the host's own.
remove_tree() {
	if awk -v d="$1/" 'index($5, d) == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
		echo "build-image.sh: $1 still has mounts below it: not removing it" >&2
		return 1
	fi
	rm -rf --one-file-system "$1"
}

# Under the lock, any other build directory is a killed build's.
for stale in "$suite_dir"/.build-*; do
	[[ -d $stale ]] || continue
	log "removing $stale (a build that did not finish)"
	awk -v d="$stale/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r |
		while read -r m; do umount -l "$m" || true; done
	remove_tree "$stale"
done

work=$(mktemp -d "$suite_dir/.build-$RECIPE.XXXXXX")
root=$work/root
chroot_mounts=()
# The long steps run in a session of their own, waited for: a signal reaches
# this script at once (bash defers traps while a foreground child runs), and
# the cleanup stops the step's whole process group before it unmounts.
step_pid=
in_session() {
	setsid "$@" &
	step_pid=$!
	local rc=0
	wait "$step_pid" || rc=$?
	step_pid=
	return "$rc"
}
cleanup() {
	local i
	if [[ -n $step_pid ]]; then
		kill -TERM -- "-$step_pid" 2>/dev/null || true
		for _ in $(seq 1 100); do kill -0 "$step_pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL -- "-$step_pid" 2>/dev/null || true
		wait "$step_pid" 2>/dev/null || true
	fi
	for ((i = ${#chroot_mounts[@]} - 1; i >= 0; i--)); do
		umount -l "${chroot_mounts[i]}" 2>/dev/null || true
	done
	chroot_mounts=()
	[[ ! -d $work ]] || remove_tree "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$SECONDS
log "debootstrap $suite into $root"
in_session debootstrap --variant=minbase --include=systemd-sysv,systemd,udev,dbus,kmod,initramfs-tools \
	"$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
	{ tail -30 "$work/debootstrap.log" >&2; exit 1; }
log "debootstrap done in $((SECONDS - started)) s"

{
	echo "deb $mirror $suite main"
	[[ -z $updates ]] || echo "deb $mirror $updates main"
	[[ -z $security ]] || echo "deb ${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security} $security main"
} >"$root/etc/apt/sources.list"

# No service starts inside the chroot while packages install.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

# The initramfs must find the root disk on virtio: written before the kernel
# is installed, so the initrd its postinst makes has them.
printf '%s\n' virtio_blk virtio_pci ext4 >>"$root/etc/initramfs-tools/modules"

for fs in proc sys dev; do
	mount --rbind "/$fs" "$root/$fs"
	mount --make-rslave "$root/$fs"
	chroot_mounts+=("$root/$fs")
done
cp /etc/resolv.conf "$root/etc/resolv.conf"

in_root() { chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"; }

step=$SECONDS
log "apt-get install ${packages[*]}"
in_session chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 \
	apt-get "${apt_opts[@]}" update >"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log" >&2; exit 1; }
in_session chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 \
	apt-get "${apt_opts[@]}" install -y --no-install-recommends "${packages[@]}" >>"$work/apt.log" 2>&1 ||
	{ tail -30 "$work/apt.log" >&2; exit 1; }
in_root apt-get clean
log "packages installed in $((SECONDS - step)) s"

# shellcheck disable=SC2016 # dpkg-query's own format, not the shell's
in_root dpkg-query -W -f '${Package} ${Version}\n' >"$work/packages.txt"

for ((i = ${#chroot_mounts[@]} - 1; i >= 0; i--)); do umount -l "${chroot_mounts[i]}"; done
chroot_mounts=()
# Nothing the packages started may keep running in the chroot.
for proc_root in /proc/[0-9]*/root; do
	if [[ $(readlink "$proc_root" 2>/dev/null) == "$root" ]]; then
		echo "build-image.sh: process ${proc_root//[!0-9]/} still runs in the chroot" >&2
		exit 1
	fi
done
rm -f "$root/usr/sbin/policy-rc.d"

# A host of its own: name, root disk, no password on the console (a
# throw-away guest without a network), the test unit enabled.
echo "hardrun-$suite" >"$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 hardrun-%s\n' "$suite" >"$root/etc/hosts"
printf '/dev/vda / ext4 rw,errors=remount-ro 0 1\n' >"$root/etc/fstab"
: >"$root/etc/resolv.conf"
chroot "$root" passwd -d root >/dev/null
install -m 0755 "$here/guest/hardrun-test-boot" "$root/usr/local/sbin/hardrun-test-boot"
install -m 0644 "$here/guest/hardrun-test.service" "$root/etc/systemd/system/hardrun-test.service"
ln -s /etc/systemd/system/hardrun-test.service "$root/etc/systemd/system/multi-user.target.wants/hardrun-test.service"
echo "$RECIPE" >"$root/etc/hardrun-test-recipe"

kernels=("$root"/boot/vmlinuz-*)
kernel=$(basename "${kernels[-1]}")
cp "$root/boot/$kernel" "$work/vmlinuz"
cp "$root/boot/initrd.img-${kernel#vmlinuz-}" "$work/initrd.img"

step=$SECONDS
log "mkfs.ext4 -d (size $image_size)"
mkfs.ext4 -q -F -L hardrun-root -d "$root" "$work/base.img" "$image_size"
remove_tree "$root"
# Guests boot it through an overlay of their own; nothing writes to it.
chmod 0444 "$work/base.img"
log "image made in $((SECONDS - step)) s"

echo "suite=$suite recipe=$RECIPE kernel=${kernel#vmlinuz-} built=$(date -u +%FT%TZ) seconds=$((SECONDS - started))" >"$work/done"
sync -f "$work/base.img"
# The one step that makes the image visible: a rename within one directory.
chmod 755 "$work"
mv -T "$work" "$target"
log "cached in $target ($((SECONDS - started)) s)"
echo "$target"
