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
for applet in sh cat grep echo touch id stat chown ls head sleep; do ln -s busybox "$rootfs/bin/$applet"; done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
echo service >"$rootfs/srv/owned" && chown 100:101 "$rootfs/srv/owned"
chmod 1777 "$rootfs/tmp"
if tar -C "$rootfs" --numeric-owner -c . | bounded docker import - busybox:host >"$work/import" 2>&1; then
	pass busybox-image "docker import of busybox-static as busybox:host"
else
	fail busybox-image "$(last_error "$work/import")"
fi

daemon_json=/etc/docker/daemon.json
if [[ -f $daemon_json ]]; then cp -a "$daemon_json" "$work/daemon.json.before"; fi
if elapsed bounded "$hardrun" setup docker >"$work/setup" 2>&1 &&
	docker info --format '{{json .Runtimes}}' | grep -q '"hardrun"'; then
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

# crun, declared as a backend of the runc kind and made the default.
printf 'version: 1\nbackends:\n  crun: { path: /usr/bin/crun, kind: runc }\ndefaultBackend: crun\n' >/etc/hardrun/policy.yaml
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
if [[ -s $work/pkg.files && -z $left ]] && ! dpkg-query -W -f='${Status}' hardrun 2>/dev/null | grep -q 'install ok installed'; then
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
