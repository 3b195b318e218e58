// What a guest's kernel accepts as the layers of an overlay: idmapped
// mounts given detached (by /proc/self/fd/N, as hardrun gives them today) or
// attached first at a path in a private mount namespace (the way issue 26
// asks to check). Prints one line per way; does not fail the suite.
// Built on the host by test/hosts/run.sh (gcc -static) and run by suite.sh
// as root: idmap-probe DIR (an empty directory on the filesystem to test).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define SYS_open_tree_ 428
#define SYS_move_mount_ 429
#define SYS_mount_setattr_ 442
#define OPEN_TREE_CLONE_ 1
#define MOVE_MOUNT_F_EMPTY_PATH_ 0x4
#define MOUNT_ATTR_IDMAP_ 0x100000
#define HOST_BASE 1000000

struct mount_attr_ { uint64_t attr_set, attr_clr, propagation, userns_fd; };

static void write_file(const char *path, const char *text) {
	int fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, text, strlen(text)) < 0) { perror(path); exit(2); }
	close(fd);
}

// A user namespace mapping 0-65535 to HOST_BASE..., from a child that waits.
static int open_userns(void) {
	int pipefd[2];
	if (pipe(pipefd)) exit(2);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(pipefd[1]);
		if (unshare(CLONE_NEWUSER)) _exit(1);
		(void)!read(pipefd[0], &c, 1);
		_exit(0);
	}
	close(pipefd[0]);
	usleep(100000);
	char path[64], map[64];
	snprintf(map, sizeof map, "0 %d 65536\n", HOST_BASE);
	snprintf(path, sizeof path, "/proc/%d/uid_map", pid);
	write_file(path, map);
	snprintf(path, sizeof path, "/proc/%d/gid_map", pid);
	write_file(path, map);
	snprintf(path, sizeof path, "/proc/%d/ns/user", pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	close(pipefd[1]);
	waitpid(pid, NULL, 0);
	return fd;
}

static int idmapped_clone(const char *dir, int userns) {
	int fd = syscall(SYS_open_tree_, AT_FDCWD, dir, OPEN_TREE_CLONE_ | O_CLOEXEC);
	if (fd < 0) { printf("#   open_tree %s: %s\n", dir, strerror(errno)); return -1; }
	struct mount_attr_ attr = { .attr_set = MOUNT_ATTR_IDMAP_, .userns_fd = (uint64_t)userns };
	if (syscall(SYS_mount_setattr_, fd, "", AT_EMPTY_PATH, &attr, sizeof attr)) {
		printf("#   mount_setattr(IDMAP) %s: %s\n", dir, strerror(errno));
		return -1;
	}
	return fd;
}

static void report(const char *way, const char *merged, int rc) {
	struct stat a, b;
	if (rc) { printf("# idmap-probe: %s: overlay refused: %s\n", way, strerror(errno)); return; }
	char path[512];
	snprintf(path, sizeof path, "%s/root-file", merged);
	int r = stat(path, &a);
	snprintf(path, sizeof path, "%s/service-file", merged);
	int s = stat(path, &b);
	if (r || s) { printf("# idmap-probe: %s: overlay mounted, files unreadable\n", way); return; }
	printf("# idmap-probe: %s: overlay mounted; files owned %u:%u and %u:%u on the host (want %d:%d and %d:%d)\n", way,
		a.st_uid, a.st_gid, b.st_uid, b.st_gid, HOST_BASE, HOST_BASE, HOST_BASE + 100, HOST_BASE + 101);
}

int main(int argc, char **argv) {
	if (argc != 2) { fprintf(stderr, "usage: idmap-probe DIR\n"); return 2; }
	const char *dir = argv[1];
	char l1[256], l2[256], m1[256], m2[256], merged[256], opts[1024], f[512];
	snprintf(l1, sizeof l1, "%s/layer1", dir);
	snprintf(l2, sizeof l2, "%s/layer2", dir);
	snprintf(m1, sizeof m1, "%s/attached1", dir);
	snprintf(m2, sizeof m2, "%s/attached2", dir);
	snprintf(merged, sizeof merged, "%s/merged", dir);
	const char *dirs[] = { l1, l2, m1, m2, merged };
	for (int i = 0; i < 5; i++) mkdir(dirs[i], 0755);
	snprintf(f, sizeof f, "%s/root-file", l1);
	close(open(f, O_CREAT | O_WRONLY, 0644));
	snprintf(f, sizeof f, "%s/service-file", l2);
	close(open(f, O_CREAT | O_WRONLY, 0644));
	if (chown(f, 100, 101)) perror("chown");

	int userns = open_userns();
	if (userns < 0) { printf("# idmap-probe: no user namespace\n"); return 0; }
	if (unshare(CLONE_NEWNS) || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL)) { perror("private mount namespace"); return 2; }

	// Detached: the layers by descriptor.
	int d1 = idmapped_clone(l1, userns), d2 = idmapped_clone(l2, userns);
	if (d1 >= 0 && d2 >= 0) {
		snprintf(opts, sizeof opts, "lowerdir=/proc/self/fd/%d:/proc/self/fd/%d", d1, d2);
		int rc = mount("overlay", merged, "overlay", MS_RDONLY, opts);
		report("detached idmapped layers (/proc/self/fd/N)", merged, rc);
		if (!rc) umount2(merged, MNT_DETACH);
	}
	// Attached: each clone moved onto a path first, the overlay given the paths.
	int a1 = idmapped_clone(l1, userns), a2 = idmapped_clone(l2, userns);
	if (a1 >= 0 && a2 >= 0) {
		if (syscall(SYS_move_mount_, a1, "", AT_FDCWD, m1, MOVE_MOUNT_F_EMPTY_PATH_) ||
			syscall(SYS_move_mount_, a2, "", AT_FDCWD, m2, MOVE_MOUNT_F_EMPTY_PATH_)) {
			printf("# idmap-probe: attached: move_mount: %s\n", strerror(errno));
		} else {
			snprintf(opts, sizeof opts, "lowerdir=%s:%s", m1, m2);
			int rc = mount("overlay", merged, "overlay", MS_RDONLY, opts);
			report("idmapped layers attached at paths first", merged, rc);
		}
	}
	return 0;
}
