#!/usr/bin/env bash
# Real Linux's rate of making network namespaces, each with a veth pair (one end in the new
# namespace, the other in a holder namespace), to set beside `netemu bench netns`. The same
# lines netemu's bench runs in its holder node:
#     ip netns add nsI
#     ip link add vI type veth peer name eth0 netns nsI
# 1. ip -batch: all 2N lines through one ip process run in the holder namespace (N namespaces).
# 2. per command: one ip process per line, the second as `ip -n holder link add ...`
#    (M namespaces, default min(N, 2000): a process per line costs more than the kernel's work).
# Each phase also times the teardown: deleting the N names (ip -batch of `netns del`), then
# until the kernel has destroyed the namespaces (every vI gone from the holder).
#
# Usage (root): scripts/bench-netns-linux.sh [N [M]]     e.g. scripts/bench-netns-linux.sh 10000
#
# Nothing touches the machine's /run/netns: the bench runs with its own, a tmpfs at
# /run/netemu-oracle/bench<PID> bound over /run/netns in a private mount namespace (as the
# test suite's real-Linux oracle does), so a tmpfs /run is what is measured even where /run/netns
# is on disk. Everything is removed at exit, on Ctrl-C or kill (TERM) too (not on kill -9;
# then `umount --lazy /run/netemu-oracle/bench<PID>` does it).
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
export LC_ALL=C

N=${1:-10000}
M=${2:-$(( N < 2000 ? N : 2000 ))}
case "$N$M" in *[!0-9]*|'') echo "usage: $0 [N [M]] (numbers)" >&2; exit 2;; esac

die() { echo "bench-netns-linux: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "needs root (network namespaces, mounts)"
for t in ip unshare nsenter findmnt mount umount; do
  command -v "$t" >/dev/null || die "$t not found (apt packages iproute2, util-linux, mount)"
done
max=$(cat /proc/sys/user/max_net_namespaces 2>/dev/null || echo 0)
[ "$max" -gt $(( N + 2 )) ] || die "user.max_net_namespaces is $max, need more than $(( N + 2 ))"

ROOT=/run/netemu-oracle/bench$$
VIEW=$ROOT/netns
WORK=$(mktemp -d /tmp/bench-netns.XXXXXX)
# sh -c script: $0 is the view; mounts held by /run/netns's mount stay in this mount namespace.
ENTER='mount --make-slave "$(findmnt -n -o TARGET -T /run/netns)" && mount --rbind "$0" /run/netns || exit 125; exec "$@"'

child=
cleanup() {
  trap - EXIT INT TERM
  set +e
  # The bench's only processes in its namespaces are its own children (ip, or the loop's sh).
  if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; fi
  # Unmounting the view drops every name: the kernel destroys the namespaces and their veths.
  if mountpoint -q "$ROOT"; then umount --lazy "$ROOT"; fi
  rmdir "$ROOT" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "bench-netns-linux: interrupted, cleaning up" >&2; exit 130' INT TERM

# Runs "$@" as a child the traps can stop: a signal ends `wait` at once, not after the child.
run() { "$@" & child=$!; wait "$child"; local rc=$?; child=; return "$rc"; }

mkdir -p /run/netns "$ROOT"
mount -t tmpfs -o mode=0755 netemu-bench "$ROOT"
mount --make-shared "$ROOT"
mkdir "$VIEW"

# "${INVIEW[@]}" CMD...: CMD with the bench's /run/netns, in the host's network namespace (one
# process: unshare, sh and nsenter each exec the next).
INVIEW=(unshare --mount --propagation unchanged sh -c "$ENTER" "$VIEW")
inview() { "${INVIEW[@]}" "$@"; }
now() { date +%s%N; }
rate() { awk -v n="$1" -v ns="$2" 'BEGIN { s = ns / 1e9; printf "%.3f s, %.0f namespaces/s", s, (s > 0 ? n / s : 0) }'; }
veths_in_holder() { inview ip -n holder -o link show | grep -c '^[0-9]*: v[0-9]' || true; }

# Waits until the holder has no vI left: the kernel has destroyed every namespace of the phase.
wait_destroyed() {
  local left
  while left=$(veths_in_holder); [ "$left" -gt 0 ]; do
    sleep 0.05
  done
  now
}

echo "bench-netns-linux: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) CPUs, kernel $(uname -r), $(ip -V)"

inview ip netns add holder

phase() {   # phase NAME COUNT PREFIX CREATE-COMMAND...
  local name=$1 n=$2 prefix=$3; shift 3
  local t0 t1 t2 t3 made
  t0=$(now)
  run "$@"
  t1=$(now)
  made=$(veths_in_holder)
  [ "$made" = "$n" ] || die "$name: expected $n veths in the holder, found $made"
  [ "$(ls "$VIEW" | grep -c "^$prefix[0-9]")" = "$n" ] || die "$name: expected $n namespaces named $prefix*"
  awk -v p="$prefix" -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "netns del %s%d\n", p, i }' > "$WORK/del"
  t2=$(now)
  run "${INVIEW[@]}" ip -batch "$WORK/del"
  t3=$(now)
  wait_destroyed > "$WORK/t4"
  echo "$name: created $n namespaces + veth pairs in $(rate "$n" $(( t1 - t0 )))"
  echo "$name: deleted the $n names in $(rate "$n" $(( t3 - t2 ))); all destroyed by the kernel $(rate "$n" $(( $(cat "$WORK/t4") - t2 )))"
}

awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++) printf "netns add ns%d\nlink add v%d type veth peer name eth0 netns ns%d\n", i, i, i }' \
  > "$WORK/add"
phase "ip -batch ($N)" "$N" ns "${INVIEW[@]}" nsenter --net="$VIEW/holder" ip -batch "$WORK/add"

if [ "$M" -gt 0 ]; then
  phase "per command, ip -n ($M)" "$M" pc "${INVIEW[@]}" sh -c '
    i=0
    while [ "$i" -lt "$1" ]; do
      ip netns add "pc$i" && ip -n holder link add "v$i" type veth peer name eth0 netns "pc$i" || exit 1
      i=$((i + 1))
    done' sh "$M"
fi
