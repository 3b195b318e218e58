#!/usr/bin/env bash
# Runs the host suite (guest/suite.sh) in a virtual machine of each Debian
# suite named (default: bookworm), one guest at a time, and exits 1 when a
# check failed or a guest did not finish. Run as root, after `npm run build`
# (`npm run test:hosts [-- SUITE...]` does both). See docs/hosts.md.
#
#   run.sh [--env NAME=VALUE]... [SUITE...]
#
# --env passes a variable to the guest suite (its variants are listed at the
# top of guest/suite.sh). Environment: HARDRUN_HOSTS_TIMEOUT (seconds a guest
# may take from boot to power-off, default 2400), HARDRUN_HOSTS_RESULTS
# (where each run's log, console, dmesg and journal are kept, default
# /var/tmp/hardrun-hosts-results).
#
# Each guest boots the suite's cached base image (build-image.sh) through a
# throw-away qcow2 overlay, with a second small ext4 disk that carries the
# suite and hardrun's bin/; the image's hardrun-test.service runs it after
# docker.service and powers off; the results are read back from that disk
# with debugfs. qemu is killed by its pid when the time is up, and the
# overlay and the test disk are removed on every way out.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
timeout_s=${HARDRUN_HOSTS_TIMEOUT:-2400}
results_root=${HARDRUN_HOSTS_RESULTS:-/var/tmp/hardrun-hosts-results}

guest_env=()
suites=()
while (($#)); do
	case $1 in
	--env) guest_env+=("${2:?--env NAME=VALUE}"); shift 2 ;;
	--env=*) guest_env+=("${1#--env=}"); shift ;;
	-h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) suites+=("$1"); shift ;;
	esac
done
((${#suites[@]})) || suites=(bookworm)

log() { printf '[hosts %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

[[ $(id -u) == 0 ]] || { echo "run.sh: run as root (debootstrap, chroot, mkfs)" >&2; exit 2; }
for f in hardrun hardrun-engine containerd-shim-hardrun-v2 hardrun-demo runc-path/runc; do
	[[ -e $repo/bin/$f ]] || { echo "run.sh: bin/$f missing: npm run build first" >&2; exit 2; }
done

# The tools live here, not in test/system-deps.sh: only this suite needs them.
missing=()
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
command -v qemu-img >/dev/null || missing+=(qemu-utils)
command -v debootstrap >/dev/null || missing+=(debootstrap)
{ command -v mkfs.ext4 && command -v debugfs; } >/dev/null || missing+=(e2fsprogs)
if ((${#missing[@]})); then
	log "installing ${missing[*]}"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The services image, built once and cached (debootstrap; minutes the first time).
services_tar=$(node "$repo/build/test/hosts/services-tarball.js") ||
	{ log "the services image could not be built: the guests' service checks will fail"; services_tar=; }

tmp=
qemu_pid=
results=
stop_qemu() {
	if [[ -n $qemu_pid ]] && kill -0 "$qemu_pid" 2>/dev/null; then
		kill "$qemu_pid" 2>/dev/null || true
		for _ in $(seq 1 50); do kill -0 "$qemu_pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$qemu_pid" 2>/dev/null || true
	fi
	qemu_pid=
}
# On every way out: qemu stopped, the overlay and the test disk removed (the
# serial console kept with the results, for an interrupted run too).
cleanup() {
	stop_qemu
	if [[ -n $tmp ]]; then
		if [[ -n $results && -f $tmp/console.log && ! -f $results/console.log ]]; then
			mkdir -p "$results" && cp "$tmp/console.log" "$results/console.log"
		fi
		rm -rf "$tmp"
	fi
	tmp=
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# run_suite SUITE: boots one guest, its results in $results; returns 0 when
# all its checks passed, 3 when its kernel panicked before the suite started.
run_suite() {
	local suite=$1 base started booted=
	started=$SECONDS
	base=$(bash "$here/build-image.sh" "$suite")
	log "$suite: base image $base ($(cat "$base/done"))"

	tmp=$(mktemp -d /var/tmp/hardrun-hosts.XXXXXX)
	qemu-img create -q -f qcow2 -b "$base/base.img" -F raw "$tmp/overlay.qcow2"

	local disk=$tmp/disk
	mkdir -p "$disk/bin"
	cp -a "$repo/bin/hardrun" "$repo/bin/hardrun-engine" "$repo/bin/containerd-shim-hardrun-v2" \
		"$repo/bin/hardrun-demo" "$repo/bin/runc-path" "$disk/bin/"
	# The amd64 package, which the suite installs with apt-get and removes (npm run package).
	cp "$repo"/dist/hardrun_*_amd64.deb "$disk/" 2>/dev/null || log "$suite: no dist/hardrun_*_amd64.deb: the package checks will fail (npm run package)"
	install -m 0755 "$here/guest/suite.sh" "$disk/suite.sh"
	# A static probe of the kernel's idmapped overlays, when a compiler is here.
	if command -v gcc >/dev/null; then
		gcc -O2 -static -o "$disk/idmap-probe" "$here/guest/idmap-probe.c" || log "$suite: idmap-probe not built: skipped"
	fi
	# The pod checks' CRI client (cri-driver.ts), compiled with the project's
	# Bun (the guests have no Node), and the runtime.v1 messages it reads.
	if ! "$repo/node_modules/.bin/bun" build --compile --no-compile-autoload-dotenv --no-compile-autoload-bunfig \
		"$here/cri-driver.ts" --outfile "$disk/cri-driver" >"$tmp/cri-driver.log" 2>&1; then
		log "$suite: cri-driver not built: the pod checks will fail"
		sed 's/^/  /' "$tmp/cri-driver.log" >&2
	fi
	cp "$repo/test/shim/cri-runtime-v1.proto" "$disk/"
	# The real-services image, a plain tar given to the guest as a read-only
	# third disk (/dev/vdc): no copy, and docker import reads it as a stream.
	local services_drive=()
	if [[ -n $services_tar ]]; then
		services_drive=(-drive "file=$services_tar,if=virtio,format=raw,readonly=on")
	fi
	# The suite's own limit leaves the guest time to boot and power off.
	printf '%s\n' "$((timeout_s > 240 ? timeout_s - 120 : timeout_s / 2))" >"$disk/timeout"
	: >"$disk/env"
	local pair
	for pair in "${guest_env[@]}"; do printf 'export %q\n' "$pair" >>"$disk/env"; done
	mkfs.ext4 -q -F -L hardrun-test -d "$disk" "$tmp/test.img" 512M

	log "$suite: booting (limit ${timeout_s} s)"
	qemu-system-x86_64 -accel tcg,thread=multi -cpu max -m 4096 -smp 2 -nic none -nographic -no-reboot \
		-kernel "$base/vmlinuz" -initrd "$base/initrd.img" \
		-append 'root=/dev/vda rw console=ttyS0 systemd.unified_cgroup_hierarchy=1' \
		-drive "file=$tmp/overlay.qcow2,if=virtio,format=qcow2" \
		-drive "file=$tmp/test.img,if=virtio,format=raw" "${services_drive[@]}" \
		</dev/null >"$tmp/console.log" 2>&1 &
	qemu_pid=$!

	# The guest's result lines as they come, from the serial console.
	# journald forwards them as "[  43.38] hardrun-test-boot[477]: LINE".
	tail -n +1 -F --pid="$qemu_pid" "$tmp/console.log" 2>/dev/null |
		sed -u -E -e 's/\r$//' -e 's/^\[ *[0-9.]+\] hardrun-test-boot\[[0-9]+\]: //' |
		grep --line-buffered -E '^(ok |FAIL |hardrun-test:|[0-9]+ passed|# idmap-probe)' | sed -u "s/^/[$suite] /" &
	local tail_pid=$!

	# A panicked kernel never powers off (the command line has no panic=):
	# it is seen on the console and stopped at once, not at the deadline.
	local deadline=$((SECONDS + timeout_s)) timed_out='' panicked=''
	while kill -0 "$qemu_pid" 2>/dev/null; do
		if [[ -z $booted ]] && grep -q 'hardrun-test: start' "$tmp/console.log" 2>/dev/null; then
			booted=$((SECONDS - started))
		fi
		if grep -q 'Kernel panic - not syncing' "$tmp/console.log" 2>/dev/null; then
			panicked=1
			log "$suite: the guest's kernel panicked: stopping qemu (pid $qemu_pid)"
			grep -a -m1 -E 'Oops|BUG:|Kernel panic' "$tmp/console.log" | tr -d '\r' | sed 's/^/  /' >&2
			stop_qemu
			break
		fi
		if ((SECONDS >= deadline)); then
			timed_out=1
			log "$suite: no power-off after ${timeout_s} s: stopping qemu (pid $qemu_pid)"
			stop_qemu
			break
		fi
		sleep 2
	done
	wait "$qemu_pid" 2>/dev/null || true
	qemu_pid=
	wait "$tail_pid" 2>/dev/null || true

	mkdir -p "$results"
	cp "$tmp/console.log" "$results/console.log"
	debugfs -R "rdump /out $results" "$tmp/test.img" >/dev/null 2>&1 || true
	if [[ -d $results/out ]]; then
		find "$results/out" -mindepth 1 -maxdepth 1 -exec mv -t "$results" {} +
		rmdir "$results/out"
	fi
	cleanup

	local summary exit_code
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$results/log" 2>/dev/null | tail -1 || true)
	exit_code=$(cat "$results/exit" 2>/dev/null || echo none)
	log "$suite: ${summary:-no summary}; suite exit $exit_code; guest up to the suite's start ${booted:-?} s;" \
		"whole run $((SECONDS - started)) s${timed_out:+ (timed out)}${panicked:+ (kernel panic)}; results in $results"
	[[ -n $panicked && -z $booted ]] && return 3
	[[ -z $timed_out && -z $panicked && $exit_code == 0 && $summary == *" 0 failed" ]]
}

status=0
stamp=$(date -u +%Y%m%dT%H%M%SZ)
for suite in "${suites[@]}"; do
	results=$results_root/$suite-$stamp
	verdict=passed
	rc=0
	run_suite "$suite" || rc=$?
	if ((rc == 3)); then
		# TCG under a loaded host has panicked a guest's kernel while it
		# booted (sid's 7.2, an int3 Oops in sched_clock_cpu): one more boot.
		mv "$results" "$results-panic"
		log "$suite: booting once more (the first boot's console: $results-panic/console.log)"
		rc=0
		run_suite "$suite" || rc=$?
	fi
	((rc == 0)) || { verdict=FAILED; status=1; }
	log "$suite: $verdict; the guest's result lines:"
	grep -E '^(ok |FAIL |[0-9]+ passed)' "$results/log" 2>/dev/null | sed "s/^/  /" >&2 ||
		{ echo "  (no result lines: the console's last lines follow; all of it in $results/console.log)" >&2
			tail -20 "$results/console.log" >&2; }
done
exit "$status"
