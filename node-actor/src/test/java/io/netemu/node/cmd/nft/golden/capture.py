#!/usr/bin/env python3
# Captures what the real nft prints for a golden script, one nft invocation per line, in a fresh
# network namespace with a veth pair eth0/eth1 (root, nftables 1.0.6 as on Debian 12):
#   cd "$(mktemp -d)" && python3 capture.py /path/to/NAME.nftscript > /path/to/NAME.expected
# Lines are split as a POSIX shell splits words. "WRITE PATH CONTENT" writes CONTENT (with
# \n-style escapes) to PATH, relative to the working directory, for nft -f.
import os
import shlex
import subprocess
import sys

script = sys.argv[1]
ns = "nft%d-golden" % os.getpid()
subprocess.run(["ip", "netns", "add", ns], check=True)
try:
    subprocess.run(["ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1"], check=True)
    for line in open(script):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        words = shlex.split(line)
        if words[0] == "WRITE":
            open(words[1], "w").write(words[2].encode().decode("unicode_escape"))
            continue
        r = subprocess.run(["ip", "netns", "exec", ns] + words, capture_output=True, text=True)
        sys.stdout.write("$ " + line + "\n" + r.stdout + "--stderr--\n" + r.stderr + "--rc=%d\n" % r.returncode)
finally:
    subprocess.run(["ip", "netns", "delete", ns])
