#!/bin/bash
# The host suite, run as root inside a test host (a Debian guest booted by
# test/hosts/run.sh) from its test disk, once per boot: hardrun installed as
# docs/getting-started.md says, against the guest's own systemd dockerd.
# Prints one line per check ("ok   NAME: detail" or "FAIL NAME: detail"),
# facts and evidence as "# " lines, and closes with "N passed, N failed".
# Exits 1 when a check failed.
#
# Variants, from the test disk's env file (run.sh --env NAME=VALUE):
#   RUN_DIR_MODE=711   make /run/hardrun with that mode before hardrun's first
#                      call, as an earlier run would have (the issue 26 fix).
#   STEP_TIMEOUT=300   seconds any one command may take.
set -uo pipefail
disk=${HARDRUN_TEST_DISK:?run by hardrun-test-boot}
# shellcheck disable=SC1091 # written by run.sh
[[ -f $disk/env ]] && . "$disk/env"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
hardrun=/opt/hardrun/bin/hardrun
work=$(mktemp -d /var/tmp/hardrun-suite.XXXXXX)
chmod 711 "$work"
step_limit=${STEP_TIMEOUT:-300}

passed=0 failed=0
pass() { passed=$((passed + 1)); printf 'ok   %s: %s\n' "$1" "$2"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s: %s\n' "$1" "$2"; }
note() { printf '# %s\n' "$*"; }
# Shows a file's lines as evidence, indented under the check they belong to.
evidence() { sed -e 's/^/#   /' "$@"; }
# The line that says why, from a command's output: its last one that is not
# blank nor the Docker client's aftermath ("context canceled" from 20.10, a
# pointer to --help from 28).
last_error() {
	cat "$@" 2>/dev/null | grep -v -e '^[[:space:]]*$' -e 'context canceled' -e "^Run 'docker .* --help'" |
		tail -1 | cut -c1-400
}
# Every command that could hang is bounded.
bounded() { timeout --kill-after=10 "$step_limit" "$@"; }
elapsed() { local s=$SECONDS; "$@"; local rc=$?; took=$((SECONDS - s)); return $rc; }
took=0
# grep -q for the end of a pipe: it reads to the end, so the writer before it
# never dies of SIGPIPE when the match comes early, which pipefail would count
# as the pipe failing (ctr images ls writes one line at a time).
holds() { grep "$@" >/dev/null; }

# shellcheck disable=SC1091 # the guest's own
note "host: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r), cgroup $(stat -fc %T /sys/fs/cgroup)," \
	"apparmor $(cat /sys/module/apparmor/parameters/enabled 2>/dev/null || echo absent)"
note "docker $(docker version --format '{{.Server.Version}}' 2>/dev/null), containerd $(containerd --version | awk '{print $3}')," \
	"runc $(runc --version | awk 'NR==1{print $3}'), crun $(crun --version | awk 'NR==1{print $3}')," \
	"cgroup driver $(docker info --format '{{.CgroupDriver}}' 2>/dev/null)"
variant="RUN_DIR_MODE=${RUN_DIR_MODE:-}"
[[ -n ${RUN_DIR_MODE:-} ]] || variant="none (a fresh host)"
note "booted $(cut -d' ' -f1 /proc/uptime) s ago; variant: $variant"

# --- the first run on a fresh boot, as a new user runs it ---------------------

if [[ -e /run/hardrun ]]; then
	fail fresh-host "/run/hardrun exists before hardrun's first call ($(stat -c %a /run/hardrun))"
else
	pass fresh-host "no /run/hardrun before hardrun's first call"
fi
if [[ -n ${RUN_DIR_MODE:-} ]]; then
	mkdir -p /run/hardrun && chmod "$RUN_DIR_MODE" /run/hardrun
	note "variant: made /run/hardrun mode $(stat -c %a /run/hardrun) by hand"
fi

if mkdir -p /opt/hardrun && cp -a "$disk/bin" /opt/hardrun/bin && "$hardrun" --version >"$work/version" 2>&1; then
	pass install "cp -a bin /opt/hardrun/bin; $(head -1 "$work/version")"
else
	fail install "$(last_error "$work/version")"
fi

if systemctl is-active --quiet docker && bounded docker info >/dev/null 2>&1; then
	pass docker-up "systemd's docker.service answers"
else
	fail docker-up "docker.service: $(systemctl is-active docker)"
fi

# A busybox image without a registry: busybox-static's binary, its applets,
# a passwd file, and one file owned by a service user (100:101).
rootfs=$work/rootfs
mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/srv"
cp /bin/busybox "$rootfs/bin/busybox"
for applet in sh cat grep echo touch id stat chown ls head sleep awk tail tr; do ln -s busybox "$rootfs/bin/$applet"; done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
echo service >"$rootfs/srv/owned" && chown 100:101 "$rootfs/srv/owned"
# What an image author can ship: device nodes of the host's disk and memory,
# open to all (the device checks below).
disk_numbers=$(stat -Lc '%t %T' /dev/vda)
mknod -m 666 "$rootfs/srv/disk" b "$((0x${disk_numbers% *}))" "$((0x${disk_numbers#* }))"
mknod -m 666 "$rootfs/srv/mem" c 1 1
chmod 1777 "$rootfs/tmp"
if tar -C "$rootfs" --numeric-owner -c . | bounded docker import - busybox:host >"$work/import" 2>&1; then
	pass busybox-image "docker import of busybox-static as busybox:host"
else
	fail busybox-image "$(last_error "$work/import")"
fi

daemon_json=/etc/docker/daemon.json
if [[ -f $daemon_json ]]; then cp -a "$daemon_json" "$work/daemon.json.before"; fi
if elapsed bounded "$hardrun" setup docker >"$work/setup" 2>&1 &&
	docker info --format '{{json .Runtimes}}' | holds '"hardrun"'; then
	pass setup-docker "hardrun setup docker; docker info lists hardrun (${took} s)"
else
	fail setup-docker "$(last_error "$work/setup")"
fi
evidence "$work/setup"

# shellcheck disable=SC2016 # expanded in the container
probe='grep -E "^(CapEff|NoNewPrivs|Seccomp):" /proc/self/status
echo "uid_map: $(cat /proc/self/uid_map)"
touch /hardrun-probe 2>/dev/null && echo "root: writable" || echo "root: read-only"
echo "owners: $(stat -c "%u:%g" /bin/busybox /etc/passwd /srv/owned | tr "\n" " ")"'
field() { sed -n "s/^$1:[[:space:]]*//p" "$2" | head -1; }

dmesg_mark=$(wc -l < <(dmesg))
if elapsed bounded docker run --rm --runtime=runc busybox:host sh -c "$probe" >"$work/runc.out" 2>&1; then
	pass run-runc "the same container through runc, for reference (${took} s): CapEff $(field CapEff "$work/runc.out")"
else
	fail run-runc "$(last_error "$work/runc.out")"
fi

hardened=$work/hardrun.out
if elapsed bounded docker run --rm --runtime=hardrun busybox:host sh -c "$probe" >"$hardened" 2>&1; then
	pass run-hardrun "docker run --runtime=hardrun busybox ran (${took} s)"
else
	fail run-hardrun "$(last_error "$hardened")"
fi
evidence "$hardened"

cap=$(field CapEff "$hardened") ref=$(field CapEff "$work/runc.out")
if [[ -n $cap && -n $ref ]] && ((0x$cap & ~0x$ref)) 2>/dev/null; then
	fail hardened-caps "CapEff $cap has bits runc's $ref lacks"
elif [[ -n $cap && -n $ref && $cap != "$ref" ]]; then
	pass hardened-caps "CapEff $cap, fewer than runc's $ref"
else
	fail hardened-caps "CapEff '${cap}' against runc's '${ref}'"
fi
# expect CHECK WHAT ACTUAL WANTED
expect() { if [[ $3 == "$4" ]]; then pass "$1" "$2 $3"; else fail "$1" "$2 '$3' (want $4)"; fi; }
expect hardened-nnp NoNewPrivs "$(field NoNewPrivs "$hardened")" 1
expect hardened-seccomp Seccomp "$(field Seccomp "$hardened")" 2
uid_map=$(field uid_map "$hardened" | tr -s ' ')
if [[ -n $uid_map && $uid_map != "0 0 4294967295" ]]; then
	pass hardened-userns "uid_map $uid_map"
else
	fail hardened-userns "uid_map '${uid_map}'"
fi
expect hardened-readonly "a write to / says: root" "$(field root "$hardened")" read-only
owners=$(field owners "$hardened")
if [[ $owners == "0:0 0:0 100:101 " ]]; then
	pass image-owners "/bin/busybox /etc/passwd /srv/owned are $owners"
else
	fail image-owners "/bin/busybox /etc/passwd /srv/owned are '${owners}' (want 0:0 0:0 100:101)"
fi
note "/run/hardrun: $(stat -c '%a %U:%G' /run/hardrun 2>&1)"
note "kernel log since the first docker run (overlayfs, idmap, AppArmor, audit):"
dmesg | tail -n +"$((dmesg_mark + 1))" | grep -iE 'overlay|idmap|apparmor|audit|denied' | evidence

# What this kernel accepts as an overlay's layers: idmapped mounts detached
# (as hardrun gives them today) or attached at paths first. Evidence, not a
# check: it tests the kernel, not hardrun.
if [[ -x $disk/idmap-probe ]]; then
	probe_dir=$(mktemp -d /var/tmp/idmap-probe.XXXXXX)
	bounded "$disk/idmap-probe" "$probe_dir" 2>&1
	dmesg | tail -n 3 | grep -i overlay | evidence
	rm -rf --one-file-system "$probe_dir"
fi

# The same container again with an audit log, for hardrun's own account of
# how it built the root (its fallbacks are recorded there and nowhere else).
# First the policy of docs/policy.md ("A Docker host: the built-in policy,
# with an audit log") as written, on a host where /var/log/hardrun was never
# made; then again once the directory exists.
audit_log=/var/log/hardrun/audit.jsonl
mkdir -p /etc/hardrun
if [[ ! -e /etc/hardrun/policy.yaml ]]; then
	printf 'version: 1\naudit:\n  file: %s\n' "$audit_log" >/etc/hardrun/policy.yaml
	owners_probe='stat -c "%u:%g %n" /bin/busybox /srv/owned'
	if [[ -d ${audit_log%/*} ]]; then
		note "audit-log-fresh: ${audit_log%/*} exists already"
	elif bounded docker run --rm --runtime=hardrun busybox:host sh -c "$owners_probe" >"$work/audited" 2>&1 &&
		[[ -s $audit_log ]]; then
		pass audit-log-fresh "the documented audit policy works on a host without ${audit_log%/*}"
	else
		fail audit-log-fresh "the documented audit policy, no ${audit_log%/*} yet: $(last_error "$work/audited")"
	fi
	mkdir -p "${audit_log%/*}"
	bounded docker run --rm --runtime=hardrun busybox:host sh -c "$owners_probe" >"$work/audited" 2>&1
	if [[ -s $audit_log ]]; then
		pass audit-log "with ${audit_log%/*} made: $(wc -l <"$audit_log") record(s)"
	else
		fail audit-log "no audit record: $(last_error "$work/audited")"
	fi
	evidence "$work/audited"
	# The records are long: show what they say about users, mounts and owners.
	grep -oiE '"[^"]*(idmap|overlay|owner|nobody|userns|fall ?back)[^"]*"' "$audit_log" 2>/dev/null | sort -u | head -20 | evidence
	cp "$audit_log" "$disk/out/audit.jsonl" 2>/dev/null
	rm -f /etc/hardrun/policy.yaml
fi

# --- more of what a Docker host administrator does ------------------------------

if bounded docker run --rm --runtime=hardrun --privileged busybox:host true >"$work/privileged" 2>&1; then
	fail privileged-refused "--privileged ran"
elif grep -qiE 'hardrun|refus|privileged' "$work/privileged"; then
	pass privileged-refused "$(last_error "$work/privileged")"
else
	fail privileged-refused "refused without hardrun's sentence: $(last_error "$work/privileged")"
fi

# A bind mount behaves as under runc: container root writes as an ordinary
# owner on disk, and a chown 100 gives 100 on the host.
volume=$work/volume
mkdir -p "$volume"
bounded docker run --rm --runtime=hardrun -v "$volume:/data" busybox:host \
	sh -c 'echo x >/data/root-file && echo y >/data/chowned && chown 100:100 /data/chowned' >"$work/volume.out" 2>&1
got="$(stat -c %u:%g "$volume/root-file" 2>/dev/null) $(stat -c %u:%g "$volume/chowned" 2>/dev/null)"
if [[ $got == " " ]]; then
	fail volume-owners "nothing written: $(last_error "$work/volume.out")"
else
	expect volume-owners "a bind mount's new files, on the host, are" "$got" "0:0 100:100"
fi

if bounded docker run -d --runtime=hardrun --name hosts-inspect busybox:host sleep 600 >"$work/inspect" 2>&1 &&
	bounded "$hardrun" inspect hosts-inspect >"$work/inspect" 2>&1; then
	pass inspect "hardrun inspect of a running container exits 0"
else
	fail inspect "$(last_error "$work/inspect")"
fi
evidence "$work/inspect"
bounded docker rm -f hosts-inspect >/dev/null 2>&1

# crun, a known backend (kind runc, found on the PATH without being declared), made the default.
printf 'version: 1\ndefaultBackend: crun\n' >/etc/hardrun/policy.yaml
if bounded docker run -d --runtime=hardrun --name hosts-crun busybox:host sh -c "$probe; sleep 600" >"$work/crun" 2>&1; then
	sleep 2
	bounded docker logs hosts-crun >"$work/crun.out" 2>&1
	bounded "$hardrun" ps >"$work/crun.ps" 2>&1
	if grep -q crun "$work/crun.ps" && [[ $(field Seccomp "$work/crun.out") == 2 && $(field root "$work/crun.out") == read-only ]]; then
		pass crun-backend "hardened under crun: Seccomp 2, read-only root, uid_map $(field uid_map "$work/crun.out" | tr -s ' '), owners $(field owners "$work/crun.out")"
	else
		fail crun-backend "hardrun ps or the probe says otherwise"
	fi
	evidence "$work/crun.out" "$work/crun.ps"
else
	fail crun-backend "$(last_error "$work/crun")"
fi
bounded docker rm -f hosts-crun >/dev/null 2>&1
rm -f /etc/hardrun/policy.yaml

# --- the escape moves of the e2e tests: refused, in hardrun's words ---------------
#
# Each is what a user of the Docker API alone can ask for; the built-in
# policy refuses it at create, with a sentence that names what was found.
nest=$work/nest
mkdir -p "$nest/etc" && mount --bind /etc "$nest/etc"
escape_moves=(
	"volume-of-etc|--mount type=volume,src=hosts-escape-etc,dst=/e,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/etc|is a mount of the host's /etc"
	"bind-of-root|-v /:/host|host path / on /host exposes the host"
	"docker-socket|-v /run/docker.sock:/s|/run/docker.sock on /s exposes the host"
	"nested-bind|-v $nest:/x|/etc"
	"cgroup-fs|-v /sys/fs/cgroup:/cg|exposes the host"
	"pid-host|--pid=host|shares the host's pid namespace"
	"net-host|--net=host|shares the host's network namespace"
	"cap-sys-admin|--cap-add SYS_ADMIN|CAP_SYS_ADMIN"
	"privileged|--privileged|privileged"
	"host-disk|--device /dev/vda|is beyond the default devices"
	"proc-cwd|-w /proc/self/fd/7|is under /proc"
)
for move in "${escape_moves[@]}"; do
	IFS='|' read -r name flags said <<<"$move"
	read -ra flag_words <<<"$flags"
	if bounded docker run --rm --runtime=hardrun "${flag_words[@]}" busybox:host sh -c 'echo ESCAPED' >"$work/escape.$name" 2>&1; then
		fail "escape-$name" "docker run $flags ran: $(last_error "$work/escape.$name")"
	elif grep -q 'hardrun' "$work/escape.$name" && grep -qF -- "$said" "$work/escape.$name"; then
		pass "escape-$name" "$flags: refused: $(grep -m1 -oF -- "$said" "$work/escape.$name")"
	else
		fail "escape-$name" "$flags: failed without hardrun's sentence ($said): $(last_error "$work/escape.$name")"
	fi
done
umount "$nest/etc"
bounded docker volume rm -f hosts-escape-etc >/dev/null 2>&1

# --- cgroup v2 (every guest): the cgroup namespace, the device rules --------------
#
# On this host the device cgroup is an eBPF program, not v1's devices.deny:
# nodes the image ships stay closed, with and without a device cgroup rule.
# shellcheck disable=SC2016 # expanded in the container
cgroup_probe='echo "cgroup: $(cat /proc/self/cgroup)"
echo "mounted: $(awk "\$2 == \"/sys/fs/cgroup\" {print \$3, \$4}" /proc/self/mounts)"
touch /sys/fs/cgroup/hardrun-probe 2>&1 | tail -1
head -c 16 /srv/disk >/dev/null 2>&1 && echo "disk: read" || echo "disk: closed"
head -c 16 /srv/mem >/dev/null 2>&1 && echo "mem: read" || echo "mem: closed"'
if bounded docker run --rm --runtime=hardrun busybox:host sh -c "$cgroup_probe" >"$work/cgroup.out" 2>&1; then
	expect cgroup-namespace "/proc/self/cgroup is" "$(field cgroup "$work/cgroup.out")" "0::/"
	if grep -q 'cgroup2 ro' "$work/cgroup.out" && grep -q 'Read-only file system' "$work/cgroup.out"; then
		pass cgroup-readonly "/sys/fs/cgroup is $(field mounted "$work/cgroup.out" | cut -d, -f1), a write there fails"
	else
		fail cgroup-readonly "$(tr '\n' ' ' <"$work/cgroup.out")"
	fi
	expect devices-closed "the image's nodes of the host disk and memory are" "$(field disk "$work/cgroup.out") $(field mem "$work/cgroup.out")" "closed closed"
else
	fail cgroup-namespace "$(last_error "$work/cgroup.out")"
fi
evidence "$work/cgroup.out"
rule="b $((0x${disk_numbers% *})):$((0x${disk_numbers#* })) rwm"
if bounded docker run --rm --runtime=hardrun --device-cgroup-rule "$rule" busybox:host sh -c "$cgroup_probe" >"$work/rule.out" 2>&1; then
	expect devices-rule "with --device-cgroup-rule '$rule', the host disk node is" "$(field disk "$work/rule.out")" closed
elif grep -q hardrun "$work/rule.out"; then
	pass devices-rule "--device-cgroup-rule '$rule' refused: $(last_error "$work/rule.out")"
else
	fail devices-rule "$(last_error "$work/rule.out")"
fi
if bounded docker run --rm --runtime=hardrun --cgroupns=host busybox:host sh -c "$cgroup_probe" >"$work/cgroupns.out" 2>&1; then
	if grep -q 'Read-only file system' "$work/cgroupns.out"; then
		pass cgroupns-host "--cgroupns=host: /sys/fs/cgroup stays read-only ($(field cgroup "$work/cgroupns.out"))"
	else
		fail cgroupns-host "--cgroupns=host: $(tr '\n' ' ' <"$work/cgroupns.out")"
	fi
elif grep -q hardrun "$work/cgroupns.out"; then
	pass cgroupns-host "--cgroupns=host refused: $(last_error "$work/cgroupns.out")"
else
	fail cgroupns-host "$(last_error "$work/cgroupns.out")"
fi

# --- a real service: Debian's redis, with its volumes and --user ------------------
#
# The project's services image (test/helpers/services-image.ts: Debian's
# packages, an entrypoint as the official images have) comes on a read-only
# third disk, a plain tar.
services_disk=/dev/vdc
redis_ready() {
	local id=$1 _
	for _ in $(seq 1 90); do
		[[ $(bounded docker exec "$id" redis-cli ping 2>/dev/null) == PONG ]] && return 0
		sleep 2
	done
	return 1
}
if [[ ! -b $services_disk ]]; then
	fail services-image "no services image on $services_disk (run.sh attaches it)"
elif elapsed bounded docker import --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint"]' --change 'VOLUME ["/data"]' \
	- services:host <"$services_disk" >"$work/services.import" 2>&1; then
	pass services-image "docker import of the services image (${took} s)"
	redis_ids=$(bounded docker run --rm --runtime=runc --entrypoint id services:host -u redis)
	redis_ids="$redis_ids:$(bounded docker run --rm --runtime=runc --entrypoint id services:host -g redis)"
	note "redis is $redis_ids in the image"
	data_root=$(docker info --format '{{.DockerRootDir}}')

	# A named volume: the entrypoint gives /data to redis, redis saves there,
	# and after a restart it reads its data back.
	if bounded docker run -d --runtime=hardrun --name hosts-redis -v hosts-redis:/data services:host redis >"$work/redis" 2>&1 &&
		redis_ready hosts-redis && bounded docker exec hosts-redis redis-cli set greeting hello >/dev/null &&
		bounded docker exec hosts-redis redis-cli save >/dev/null && bounded docker restart hosts-redis >/dev/null &&
		redis_ready hosts-redis && [[ $(bounded docker exec hosts-redis redis-cli get greeting) == hello ]]; then
		owner=$(stat -c %u:%g "$data_root/volumes/hosts-redis/_data/dump.rdb" 2>&1)
		expect service-volume "redis in a named volume answers after a restart; its dump.rdb on the host is" "$owner" "$redis_ids"
		bounded docker exec hosts-redis sh -c "$probe" >"$work/redis.probe" 2>&1
		if [[ $(field Seccomp "$work/redis.probe") == 2 && $(field root "$work/redis.probe") == read-only ]]; then
			pass service-hardened "redis runs hardened: Seccomp 2, read-only root, uid_map $(field uid_map "$work/redis.probe" | tr -s ' ')"
		else
			fail service-hardened "$(tr '\n' ' ' <"$work/redis.probe")"
		fi
	else
		fail service-volume "$(last_error "$work/redis") $(bounded docker logs hosts-redis 2>&1 | tail -3 | tr '\n' ' ')"
	fi
	bounded docker rm -f hosts-redis >/dev/null 2>&1
	bounded docker volume rm -f hosts-redis >/dev/null 2>&1

	# A bind mount of a host directory, owned by root as a new one is.
	mkdir -p "$work/redis-data"
	if bounded docker run -d --runtime=hardrun --name hosts-redis-bind -v "$work/redis-data:/data" services:host redis >"$work/redis.bind" 2>&1 &&
		redis_ready hosts-redis-bind && bounded docker exec hosts-redis-bind redis-cli save >/dev/null; then
		expect service-bind "redis in a bind mount: the directory and dump.rdb on the host are" \
			"$(stat -c %u:%g "$work/redis-data" "$work/redis-data/dump.rdb" 2>&1 | tr '\n' ' ')" "$redis_ids $redis_ids "
	else
		fail service-bind "$(last_error "$work/redis.bind") $(bounded docker logs hosts-redis-bind 2>&1 | tail -3 | tr '\n' ' ')"
	fi
	bounded docker rm -f hosts-redis-bind >/dev/null 2>&1

	# --user redis, as the official image allows.
	if bounded docker run -d --runtime=hardrun --name hosts-redis-user --user redis services:host redis >"$work/redis.user" 2>&1 &&
		redis_ready hosts-redis-user; then
		expect service-user "docker run --user redis: pid 1 runs as" "$(bounded docker exec hosts-redis-user ps -o user= -p 1 | tr -d ' ')" redis
	else
		fail service-user "$(last_error "$work/redis.user") $(bounded docker logs hosts-redis-user 2>&1 | tail -3 | tr '\n' ' ')"
	fi
	bounded docker rm -f hosts-redis-user >/dev/null 2>&1
else
	fail services-image "$(last_error "$work/services.import")"
fi

# --- doctor ---------------------------------------------------------------------

if bounded "$hardrun" doctor >"$work/doctor" 2>&1; then
	pass doctor "hardrun doctor exits 0: $(grep -v '^$' "$work/doctor" | tail -1)"
else
	fail doctor "hardrun doctor exits non-zero: $(grep -v '^$' "$work/doctor" | tail -1)"
fi
evidence "$work/doctor"

# --- setup docker --remove restores daemon.json exactly ----------------------------

same_as_before() {
	if [[ -f $work/daemon.json.before ]]; then cmp -s "$work/daemon.json.before" "$daemon_json"; else [[ ! -e $daemon_json ]]; fi
}
if bounded "$hardrun" setup docker --remove >"$work/remove" 2>&1 && same_as_before; then
	pass setup-remove "daemon.json as before setup ($([[ -f $work/daemon.json.before ]] && echo identical bytes || echo 'absent again'))"
else
	fail setup-remove "$(last_error "$work/remove"); daemon.json now: $(head -c 200 "$daemon_json" 2>&1 | tr '\n' ' ')"
fi
evidence "$work/remove"

# An operator's own daemon.json (odd spacing, a key order of its own) comes
# back byte for byte too.
own=$'{\n    "log-level":  "info",\n  "max-concurrent-downloads": 2,\n\t"features": { "buildkit": false }\n}\n'
printf '%s' "$own" >"$daemon_json"
cp -a "$daemon_json" "$work/daemon.json.own"
if bounded "$hardrun" setup docker >"$work/setup2" 2>&1 && grep -q '"hardrun"' "$daemon_json" &&
	bounded "$hardrun" setup docker --remove >>"$work/setup2" 2>&1 && cmp -s "$work/daemon.json.own" "$daemon_json"; then
	pass setup-remove-own "an operator's daemon.json: setup adds hardrun, --remove restores it byte for byte"
else
	fail setup-remove-own "$(last_error "$work/setup2"); daemon.json now: $(head -c 200 "$daemon_json" 2>&1 | tr '\n' ' ')"
	evidence "$work/setup2"
fi
if [[ -f $work/daemon.json.before ]]; then cp -a "$work/daemon.json.before" "$daemon_json"; else rm -f "$daemon_json"; fi
systemctl is-active --quiet docker || fail docker-after "docker.service is $(systemctl is-active docker) after setup and removal"

# --- the default runtime -------------------------------------------------------------

if bounded "$hardrun" setup docker --default >"$work/default" 2>&1 &&
	bounded docker run --rm busybox:host sh -c "$probe" >"$work/default.out" 2>&1 &&
	[[ $(field Seccomp "$work/default.out") == 2 && $(field uid_map "$work/default.out" | tr -s ' ') != "0 0 4294967295" ]]; then
	pass default-runtime "setup docker --default: a plain docker run is hardened (uid_map $(field uid_map "$work/default.out" | tr -s ' '))"
else
	fail default-runtime "$(last_error "$work/default" "$work/default.out")"
	evidence "$work/default" "$work/default.out"
fi
if bounded "$hardrun" setup docker --remove >"$work/default.remove" 2>&1 && same_as_before &&
	[[ $(docker info --format '{{.DefaultRuntime}}') == runc ]]; then
	pass default-remove "setup docker --remove: daemon.json as before, and dockerd's default runtime is runc again"
else
	fail default-remove "$(last_error "$work/default.remove"); default runtime $(docker info --format '{{.DefaultRuntime}}')"
	evidence "$work/default.remove"
fi

# --- a first rollout: everything watched --------------------------------------------
# Under the watch-only policy a create hands the untouched bundle to runc
# first and writes its audit record while runc works; the container keeps no
# record of hardrun's (docs/architecture.md, "A watched container keeps nothing").

if bounded "$hardrun" setup docker --default --watch >"$work/watch" 2>&1 &&
	bounded docker run -d --name hardrun-watch busybox:host sleep 120 >"$work/watch.id" 2>>"$work/watch" &&
	bounded docker exec hardrun-watch sh -c "$probe" >"$work/watch.out" 2>&1; then
	watch_id=$(cat "$work/watch.id")
	watch_records=$(find /run -path '*.hardrun/*' -type f ! -name '@default' 2>/dev/null | grep -c "$watch_id")
	if [[ $(field uid_map "$work/watch.out" | tr -s ' ') == "0 0 4294967295" && $(field root "$work/watch.out") == writable && $watch_records == 0 ]] &&
		grep -q "\"id\":\"$watch_id\"" /var/log/hardrun/audit.jsonl 2>/dev/null; then
		pass watch-only "setup docker --default --watch: the container runs as under runc (uid_map $(field uid_map "$work/watch.out" | tr -s ' '), root writable), its create is in the audit log, and hardrun keeps no record of it"
	else
		fail watch-only "uid_map '$(field uid_map "$work/watch.out")', root '$(field root "$work/watch.out")', $watch_records record(s) of hardrun's, audit: $(grep -c "$watch_id" /var/log/hardrun/audit.jsonl 2>&1)"
		evidence "$work/watch.out"
	fi
else
	fail watch-only "$(last_error "$work/watch" "$work/watch.out")"
	evidence "$work/watch"
fi
bounded docker rm -f hardrun-watch >/dev/null 2>&1
if bounded "$hardrun" setup docker --remove >"$work/watch.remove" 2>&1 && same_as_before && [[ ! -e /etc/hardrun/policy.yaml ]]; then
	pass watch-remove "setup docker --remove after --watch: daemon.json as before, the watch policy gone"
else
	fail watch-remove "$(last_error "$work/watch.remove"); policy.yaml $(ls /etc/hardrun/policy.yaml 2>&1)"
	evidence "$work/watch.remove"
fi

# Every Docker container of the suite so far is removed: hardrun keeps nothing
# for any of them but each root's @default (a change of the default backend,
# to crun and back, included).
docker_left=$(find /run -path '*.hardrun/*' ! -name '@default' 2>/dev/null | tr '\n' ' ')
if [[ -z $docker_left ]]; then
	pass docker-nothing-left "after the Docker checks: no record of hardrun's under /run but each root's @default"
else
	fail docker-nothing-left "left under /run: $docker_left"
fi

# --- containerd ------------------------------------------------------------------------

toml=/etc/containerd/config.toml
cp -a "$toml" "$work/config.toml.before" 2>/dev/null
if bounded "$hardrun" setup containerd --config "$toml" >"$work/containerd.setup" 2>&1 &&
	grep -q hardrun "$toml" && bounded systemctl restart containerd &&
	bounded "$hardrun" setup containerd --config "$toml" --remove >>"$work/containerd.setup" 2>&1 &&
	cmp -s "$work/config.toml.before" "$toml"; then
	pass setup-containerd "setup containerd --config $toml, then --remove: the file byte for byte as before"
else
	fail setup-containerd "$(last_error "$work/containerd.setup")"
fi
evidence "$work/containerd.setup"
bounded systemctl restart containerd

if bounded docker save busybox:host | bounded ctr -n hosts images import - >"$work/ctr" 2>&1 &&
	bounded ctr -n hosts run --rm --runc-binary "$hardrun" docker.io/library/busybox:host hosts-ctr sh -c "$probe" >"$work/ctr.out" 2>&1 &&
	[[ $(field Seccomp "$work/ctr.out") == 2 && $(field root "$work/ctr.out") == read-only ]]; then
	pass ctr-run "ctr run --runc-binary hardrun: Seccomp 2, read-only root, uid_map $(field uid_map "$work/ctr.out" | tr -s ' '), owners $(field owners "$work/ctr.out")"
else
	fail ctr-run "$(last_error "$work/ctr" "$work/ctr.out")"
fi
evidence "$work/ctr.out" 2>/dev/null
bounded ctr -n hosts containers rm hosts-ctr >/dev/null 2>&1

# The shim front: ctr hands the container to containerd-shim-hardrun-v2, which
# hands it to containerd's runc shim with hardrun as its runc.
front=/opt/hardrun/bin/containerd-shim-hardrun-v2
if bounded ctr -n hosts run --rm --runtime "$front" docker.io/library/busybox:host hosts-front sh -c "$probe" >"$work/front.out" 2>&1 &&
	[[ $(field Seccomp "$work/front.out") == 2 && $(field root "$work/front.out") == read-only && $(field uid_map "$work/front.out" | tr -s ' ') != "0 0 4294967295" ]]; then
	pass shim-front "ctr run --runtime $front: Seccomp 2, read-only root, uid_map $(field uid_map "$work/front.out" | tr -s ' ')"
else
	fail shim-front "$(last_error "$work/front.out")"
fi
evidence "$work/front.out"
bounded ctr -n hosts containers rm hosts-front >/dev/null 2>&1

# A config file made from nothing takes the version this containerd reads
# (2 for 1.x, 3 for 2.x), and containerd loads hardrun's handlers from it.
fresh=$work/fresh.toml
if bounded "$hardrun" setup containerd --config "$fresh" >"$work/fresh.setup" 2>&1 &&
	bounded containerd --config "$fresh" config dump >"$work/fresh.dump" 2>&1 &&
	grep -q 'hardrun' "$work/fresh.dump"; then
	pass containerd-config-version "a new file, version $(sed -n 's/^version = //p' "$fresh"): containerd $(containerd --version | awk '{print $3}') loads the hardrun handlers from it"
else
	fail containerd-config-version "$(last_error "$work/fresh.setup" "$work/fresh.dump")"
fi
evidence "$work/fresh.setup"

# A main file that imports a directory of drop-ins: Debian's file as shipped,
# and a bare one (its version alone). setup writes a drop-in and leaves the
# main file as it is, but where containerd 1.x would let the drop-in's CRI
# table replace the main file's CRI settings (docs/kubernetes.md): there it
# says so and edits the main file. Either way containerd loads hardrun's
# handlers, runs a hardened container, and --remove takes them all away.
dropins=/etc/containerd/conf.d
containerd_major=$(containerd --version | awk '{print $3}' | sed -E 's/^v//; s/\..*//')
mkdir -p "$dropins"
for main in shipped bare; do
	if [[ $main == shipped ]]; then
		{ printf 'imports = ["%s/*.toml"]\n' "$dropins"; cat "$work/config.toml.before"; } >"$toml"
	else
		printf 'version = 2\nimports = ["%s/*.toml"]\n' "$dropins" >"$toml"
	fi
	cp -a "$toml" "$work/config.toml.$main"
	want=drop-in
	[[ $main == shipped && $containerd_major -lt 2 ]] && want="main-file"
	log_file=$work/dropin.$main
	got=
	if bounded "$hardrun" setup containerd --config "$toml" >"$log_file" 2>&1; then
		if cmp -s "$work/config.toml.$main" "$toml" && ls "$dropins"/*.toml >/dev/null 2>&1; then
			got="drop-in"
		elif grep -q 'not writing a drop-in' "$log_file" && grep -q hardrun "$toml"; then
			got="main-file"
		fi
	fi
	if [[ $got == "$want" ]] && bounded containerd config dump 2>/dev/null | holds 'hardrun' && bounded systemctl restart containerd &&
		bounded ctr -n hosts run --rm --runc-binary "$hardrun" docker.io/library/busybox:host hosts-dropin sh -c "$probe" >"$work/dropin.out" 2>&1 &&
		[[ $(field Seccomp "$work/dropin.out") == 2 ]] &&
		bounded "$hardrun" setup containerd --config "$toml" --remove >>"$log_file" 2>&1 &&
		! bounded containerd config dump 2>/dev/null | holds 'hardrun' && cmp -s "$work/config.toml.$main" "$toml" &&
		[[ -z $(ls -A "$dropins") ]]; then
		pass "containerd-dropin-$main" "imports $dropins, the main file $main: hardrun in the $got, loaded by containerd $containerd_major.x; all of it gone after --remove, the main file byte for byte"
	else
		fail "containerd-dropin-$main" "wanted hardrun in the $want, got '${got:-nothing}': $(last_error "$log_file" "$work/dropin.out")"
	fi
	evidence "$log_file"
	bounded ctr -n hosts containers rm hosts-dropin >/dev/null 2>&1
	rm -f "$toml.hardrun-backup"
done
cp -a "$work/config.toml.before" "$toml"
rmdir "$dropins" 2>/dev/null
bounded systemctl restart containerd

# --- pods through this containerd's CRI, as the kubelet drives them ---------------------
#
# containerd as Debian ships it (its CRI plugin on), the hardrun handler
# merged by setup containerd, and what a node needs to run a pod without a
# registry or a cluster network: busybox and a pause image (busybox that
# sleeps) imported into k8s.io, the sandbox image set to that pause in
# Debian's file, and a CNI network in Debian's conf_dir (the host-device
# plugin moves one end of a veth made here into the pod, static address
# 127.0.0.2/8, as test/shim/private-containerd.ts does). cri-driver
# (test/hosts/cri-driver.ts, compiled by run.sh) then runs the pods with the
# RuntimeClass handler hardrun and prints one line per check.
containerd_version=$(containerd --version | awk '{print $3}')
pause_image=docker.io/library/hardrun-pause:host
pod_image=docker.io/library/busybox:host
cni_conf=/etc/cni/net.d/10-hardrun-test.conflist
pod_dir=$work/pods
# What hardrun keeps at run time: its own directory, and its records beside containerd's runc root.
hardrun_state() { find /run/hardrun /run/containerd/runc/k8s.io.hardrun 2>/dev/null | sort; }
sed "/^[[:space:]]*\[plugins\.\"io\.containerd\.grpc\.v1\.cri\"\][[:space:]]*$/a\\    sandbox_image = \"$pause_image\"" \
	"$work/config.toml.before" >"$toml"
if bounded "$hardrun" setup containerd --config "$toml" >"$work/pods.setup" 2>&1 && bounded systemctl restart containerd &&
	bounded containerd config dump >"$work/pods.dump" 2>&1 && grep -qE "[\"']${pause_image}[\"']" "$work/pods.dump" &&
	grep -qE "BinaryName = [\"']/opt/hardrun/bin/hardrun[\"']" "$work/pods.dump" &&
	bounded ctr plugins ls 2>/dev/null | grep -E 'cri[[:space:]]' | holds -w ok; then
	pass pod-node "containerd $containerd_version: CRI plugin ok, the hardrun handler and sandbox image $pause_image in containerd config dump"
else
	fail pod-node "containerd $containerd_version: $(last_error "$work/pods.setup" "$work/pods.dump")"
	evidence "$work/pods.setup"
fi
grep -E "hardrun|$pause_image" "$work/pods.dump" 2>/dev/null | evidence
note "CRI plugin: $(bounded ctr plugins ls 2>/dev/null | grep -E 'cri[[:space:]]' | tr -s ' ' | tr '\n' ' ')"

ip link add hrv0 type veth peer name hrp0 2>"$work/pods.net"
mkdir -p "${cni_conf%/*}"
printf '{"cniVersion": "0.4.0", "name": "hardrun-test", "plugins": [%s]}\n' \
	'{"type": "host-device", "device": "hrv0", "ipam": {"type": "static", "addresses": [{"address": "127.0.0.2/8"}]}}' >"$cni_conf"
if [[ -x /usr/lib/cni/host-device && -x /usr/lib/cni/static ]] && ip link show hrv0 >/dev/null 2>&1; then
	pass pod-network "CNI: $cni_conf, host-device on the veth hrv0, static 127.0.0.2/8"
else
	fail pod-network "no /usr/lib/cni/host-device or static (containernetworking-plugins), or no veth: $(last_error "$work/pods.net")"
fi

tar -C "$rootfs" --numeric-owner -c . |
	bounded docker import --change 'CMD ["/bin/sleep", "86400"]' - hardrun-pause:host >"$work/pods.images" 2>&1
if bounded docker save busybox:host hardrun-pause:host | bounded ctr -n k8s.io images import - >>"$work/pods.images" 2>&1 &&
	bounded ctr -n k8s.io images ls -q >"$work/pods.listed" 2>&1 &&
	grep -qx "$pause_image" "$work/pods.listed" && grep -qx "$pod_image" "$work/pods.listed"; then
	pass pod-images "$pod_image and $pause_image in containerd's k8s.io namespace"
else
	fail pod-images "wanted $pod_image and $pause_image in k8s.io, listed: $(tr '\n' ' ' <"$work/pods.listed" 2>/dev/null); import: $(last_error "$work/pods.images")"
fi

# Runs cri-driver's pods (OUT names its output in $work; DRIVER is the cgroup
# driver the handler uses) and counts its checks as the suite's own.
pod_driver() {
	local out=$work/$1.out driver_rc
	mkdir -p "$pod_dir"
	elapsed bounded "$disk/cri-driver" --proto "$disk/cri-runtime-v1.proto" --dir "$pod_dir" --image "$pod_image" \
		--handler hardrun --cgroup-driver "$2" --label "$3" >"$out" 2>&1
	driver_rc=$?
	while IFS= read -r line; do
		case $line in
		'ok   '*) passed=$((passed + 1)) ;;
		'FAIL '*) failed=$((failed + 1)) ;;
		esac
		printf '%s\n' "$line"
	done <"$out"
	# 0: every check passed; 1: one failed (and said so). Anything else is the driver's own failure.
	if ((driver_rc > 1)) || ! grep -q '^ok   pod-start' "$out"; then
		fail pod-driver "cri-driver ($3) exit $driver_rc after ${took} s: $(last_error "$out")"
	else
		note "cri-driver ($3): exit $driver_rc after ${took} s"
	fi
}
hardrun_state >"$work/pods.state.before"
if [[ ! -x $disk/cri-driver || ! -f $disk/cri-runtime-v1.proto ]]; then
	fail pod-driver "no cri-driver or cri-runtime-v1.proto on the test disk (run.sh compiles it)"
else
	pod_driver pods cgroupfs "containerd $containerd_version"
fi
sleep 1
hardrun_state >"$work/pods.state.after"
# Paths that went away meanwhile (stale entries an earlier container left, reclaimed) are evidence, not leftovers;
# so are the record directory of containerd's k8s.io root and its @default record (the default backend's, which
# the launcher reads for a container it has no record of: one per root, kept by design, src/state/record.ts).
records=/run/containerd/runc/k8s.io.hardrun
comm -13 "$work/pods.state.before" "$work/pods.state.after" | grep -xF -e "$records" -e "$records/@default" | sed 's/^/new, kept by design: /' | evidence
left=$(comm -13 "$work/pods.state.before" "$work/pods.state.after" | grep -vxF -e "$records" -e "$records/@default")
if [[ -z $left ]] && ! grep -q ' /run/hardrun' /proc/self/mountinfo; then
	pass pod-leftovers "after RemovePodSandbox, no path under /run/hardrun or $records that was not there before the pods but $records/@default, no mount under /run/hardrun (containerd $containerd_version)"
else
	fail pod-leftovers "left by the pods: $(echo "$left" | head -5 | tr '\n' ' ')$(grep -c ' /run/hardrun' /proc/self/mountinfo) mount(s) under /run/hardrun"
fi
comm -23 "$work/pods.state.before" "$work/pods.state.after" | sed 's/^/gone meanwhile: /' | evidence

# The same pods under the systemd cgroup driver, as kubeadm's nodes run them:
# Debian's runc handler gets SystemdCgroup = true, which setup containerd
# copies to hardrun's handler; each container's cgroup is then a systemd scope.
{
	sed "/^[[:space:]]*\[plugins\.\"io\.containerd\.grpc\.v1\.cri\"\][[:space:]]*$/a\\    sandbox_image = \"$pause_image\"" "$work/config.toml.before"
	printf '%s\n' '' '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]' '  runtime_type = "io.containerd.runc.v2"' \
		'  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]' '    SystemdCgroup = true'
} >"$toml"
rm -f "$toml.hardrun-backup"
if bounded "$hardrun" setup containerd --config "$toml" >"$work/pods-systemd.setup" 2>&1 && bounded systemctl restart containerd &&
	bounded containerd config dump >"$work/pods-systemd.dump" 2>&1 &&
	awk '/runtimes\.hardrun\.options\]/ { on = 1; next } /^[[:space:]]*\[/ { on = 0 } on' "$work/pods-systemd.dump" | holds 'SystemdCgroup = true'; then
	pass pod-systemd-node "containerd $containerd_version: runc's handler with SystemdCgroup = true, and setup containerd gave hardrun's handler the same (containerd config dump)"
	if [[ -x $disk/cri-driver && -f $disk/cri-runtime-v1.proto ]]; then
		pod_driver pods-systemd systemd "containerd $containerd_version, SystemdCgroup"
	fi
else
	fail pod-systemd-node "containerd $containerd_version: $(last_error "$work/pods-systemd.setup" "$work/pods-systemd.dump")"
	evidence "$work/pods-systemd.setup"
fi
awk '/runtimes\.(runc|hardrun)\.options\]/ { on = 1; print; next } /^[[:space:]]*\[/ { on = 0 } on' "$work/pods-systemd.dump" 2>/dev/null | evidence
rm -f "$cni_conf"
ip link del hrp0 2>/dev/null
bounded ctr -n k8s.io images rm "$pod_image" "$pause_image" >/dev/null 2>&1
bounded docker rmi hardrun-pause:host >/dev/null 2>&1
cp -a "$work/config.toml.before" "$toml"
rm -f "$toml.hardrun-backup"
bounded systemctl restart containerd

# --- the README's main job, last: it leaves hardrun registered ---------------------------

if elapsed bounded bash /opt/hardrun/bin/hardrun-demo >"$work/demo" 2>&1; then
	pass demo "hardrun-demo (npm run demo without the build) exits 0 (${took} s)"
else
	fail demo "hardrun-demo: $(last_error "$work/demo")"
fi
evidence "$work/demo"
bounded "$hardrun" setup docker --remove >/dev/null 2>&1

# --- the Debian package, as the README's "Using it" installs it ------------------------

debs=("$disk"/hardrun_*_amd64.deb)
deb=${debs[0]}
[[ -e $deb ]] || deb=
if [[ -n $deb ]] && cp "$deb" "$work/" && bounded apt-get install -y -q "$work/${deb##*/}" >"$work/apt" 2>&1 &&
	dpkg-query -W -f='${Version}' hardrun >"$work/pkg.version" && /usr/bin/hardrun --version >"$work/pkg.hardrun" 2>&1 &&
	grep -q "^hardrun version $(cat "$work/pkg.version")" "$work/pkg.hardrun" && grep -q '^commit: ' "$work/pkg.hardrun"; then
	pass package-install "apt-get install ${deb##*/}: $(head -1 "$work/pkg.hardrun"), $(sed -n 's/^commit: /commit /p' "$work/pkg.hardrun" | head -1)"
else
	fail package-install "${deb:-no .deb on the test disk}: $(last_error "$work/apt" "$work/pkg.hardrun")"
	evidence "$work/apt" 2>/dev/null
fi
dpkg -L hardrun 2>/dev/null | sort >"$work/pkg.files"

packaged=$work/package.out
if bounded /usr/bin/hardrun setup docker >"$work/pkg.setup" 2>&1 &&
	grep -q '"path":"/usr/bin/hardrun"' < <(docker info --format '{{json .Runtimes}}') &&
	bounded docker run --rm --runtime=hardrun busybox:host sh -c "$probe" >"$packaged" 2>&1 &&
	[[ $(field Seccomp "$packaged") == 2 && $(field root "$packaged") == read-only && $(field owners "$packaged") == "0:0 0:0 100:101"* ]]; then
	pass package-run "setup docker from /usr/bin/hardrun, then a hardened container: Seccomp 2, read-only root, uid_map $(field uid_map "$packaged" | tr -s ' '), owners $(field owners "$packaged")"
else
	fail package-run "$(last_error "$work/pkg.setup" "$packaged")"
fi
evidence "$packaged" 2>/dev/null

# Still registered: removing the package says how to undo setup, and changes no daemon's file.
cp -a "$daemon_json" "$work/daemon.json.registered" 2>/dev/null
if bounded apt-get remove -y -q hardrun >"$work/apt.remove" 2>&1 && grep -q 'hardrun setup docker --remove' "$work/apt.remove" &&
	cmp -s "$work/daemon.json.registered" "$daemon_json"; then
	pass package-remove-says "apt-get remove while registered: daemon.json untouched, and it says how to undo: $(grep -m1 'setup docker --remove' "$work/apt.remove" | cut -c1-160)"
else
	fail package-remove-says "$(last_error "$work/apt.remove")"
fi
left=$(while read -r path; do [[ -e $path && ! -d $path ]] && echo "$path"; done <"$work/pkg.files")
if [[ -s $work/pkg.files && -z $left ]] && ! dpkg-query -W -f='${Status}' hardrun 2>/dev/null | holds 'install ok installed'; then
	pass package-removed "nothing of the $(wc -l <"$work/pkg.files") paths the package installed is left but its directories"
else
	fail package-removed "left after apt-get remove: $(echo "${left:-the package list is empty}" | tr '\n' ' ' | cut -c1-300)"
fi
# The registration the package left (it never edits daemon.json): taken out by hand, as the note says.
if [[ -f $work/daemon.json.before ]]; then cp -a "$work/daemon.json.before" "$daemon_json"; else rm -f "$daemon_json"; fi
bounded systemctl reload docker >/dev/null 2>&1

note "kernel log of the whole run (overlayfs, idmap, AppArmor, audit):"
dmesg | tail -n +"$((dmesg_mark + 1))" | grep -iE 'overlay|idmap|apparmor|audit|denied' |
	sed -E 's/^\[ *[0-9.]+\] //' | sort | uniq -c | sort -rn | head -30 | evidence

echo "$passed passed, $failed failed"
rm -rf "$work"
((failed == 0))
