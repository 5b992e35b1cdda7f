# Generates random nft rule lines, valid and invalid, for random-rules.nftscript: python3 random-rules.py SEED
import random, sys
random.seed(int(sys.argv[1]))
keys = ["ip saddr", "ip daddr", "ip protocol", "ip ttl", "ip length", "tcp dport", "tcp sport", "udp dport", "udp sport",
        "th dport", "icmp type", "icmp code", "meta l4proto", "meta mark", "mark", "iifname", "oifname", "iif", "oif",
        "ct state", "tcp flags", "meta length", "ip id"]
vals = {"ip saddr": ["10.0.0.1", "10.0.0.0/8", "10.0.0.1-10.0.0.20", "{ 1.1.1.1, 2.2.2.0/24 }", "@s", "300.1.1.1", "1.2.3.4/33", "{ 1.1.1.1 }", "!= 1.1.1.1", "localhost"],
        "tcp dport": ["22", "{ 22, 80, 443 }", "1000-2000", "!= 22", "< 1024", ">= 1024", "ssh", "@p", "70000", "{ 1-10, 5-20 }", "22,80"],
        "icmp type": ["echo-request", "{ echo-request, echo-reply }", "8", "foo", "!= echo-reply"],
        "ct state": ["new", "established,related", "{ established, related }", "!= invalid", "== new", "foo", "untracked"],
        "tcp flags": ["syn", "syn,ack", "& (syn|ack) == syn", "syn / syn,ack", "== syn", "!= rst"],
        "meta l4proto": ["tcp", "udp", "{ tcp, udp }", "6", "foo", "icmp"],
        "iifname": ["eth0", "\"eth*\"", "!= lo", "{ \"eth0\", \"lo\" }"],
        "iif": ["lo", "eth0", "nope"],
        "mark": ["1", "0x10", "set 5", "foo"], "meta mark": ["1", "set 0xff", "!= 0"]}
stmts = ["accept", "drop", "counter", "counter packets 1 bytes 2", "log", "log prefix \\\"x \\\"", "log level info", "limit rate 10/second",
         "limit rate over 5/minute burst 10 packets", "reject", "reject with icmp type host-unreachable", "reject with tcp reset",
         "return", "continue", "jump c2", "goto c2", "jump nochain", "masquerade", "snat to 1.2.3.4", "dnat to 10.0.0.2:80",
         "redirect to :8080", "meta mark set 3", "comment \\\"hi\\\"", "limit rate 0/second", "reject with icmpx type admin-prohibited"]
fams = ["ip", "inet"]
out = []
for it in range(60):
    fam = random.choice(fams)
    out.append("nft flush ruleset")
    out.append("nft add table %s t" % fam)
    out.append("nft add chain %s t c { type filter hook input priority 0 \\; }" % fam)
    out.append("nft add chain %s t c2" % fam)
    out.append("nft add chain %s t n { type nat hook postrouting priority srcnat \\; }" % fam)
    out.append("nft add set %s t s { type ipv4_addr \\; flags interval \\; elements = { 5.5.5.0/24 } \\; }" % fam)
    out.append("nft add set %s t p { type inet_service \\; elements = { 22, 80 } \\; }" % fam)
    for r in range(8):
        parts = []
        for k in range(random.randint(0, 3)):
            key = random.choice(keys)
            v = random.choice(vals.get(key, ["1", "2", "!= 3", "1-5"]))
            parts.append(key + " " + v)
        for k in range(random.randint(0, 2)):
            parts.append(random.choice(stmts))
        chain = random.choice(["c", "c", "c2", "n"])
        verb = random.choice(["add", "add", "insert"])
        line = "nft %s rule %s t %s %s" % (verb, fam, chain, " ".join(parts))
        out.append(line.replace("{", "\\{").replace("}", "\\}").replace("(", "\\(").replace(")", "\\)").replace("|", "\\|").replace("&", "\\&").replace("<", "\\<").replace(">", "\\>").replace("!", "\\!").replace("*", "\\*"))
    out.append("nft -a list ruleset")
print("\n".join(out))
