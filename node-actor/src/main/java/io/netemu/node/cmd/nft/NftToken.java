package io.netemu.node.cmd.nft;

import java.util.Set;

/**
 * One token of nft's input (nftables src/scanner.l), with where it came from: the source, its
 * line and columns (1-based, inclusive) and where that line starts in the source text.
 */
record NftToken(Kind kind, String text, NftSource src, int line, int first, int last, int lineStart) {

    /** Token kinds; punctuation and operators carry bison's names for error messages. */
    enum Kind {
        STRING("string"), QSTRING("quoted string"), ASTRING("string with a trailing asterisk"), NUM("number"),
        KEYWORD(null), NEWLINE("newline"), SEMI("semicolon"), EOF("end of file"), COLON("colon"), COMMA("comma"),
        DOT("."), LBRACE("'{'"), RBRACE("'}'"), LBRACK("'['"), RBRACK("']'"), LPAREN("'('"), RPAREN("')'"),
        EQ("=="), NEQ("!="), LT("<"), GT(">"), LTE("<="), GTE(">="), LSHIFT("<<"), RSHIFT(">>"), AMP("&"),
        CARET("^"), PIPE("'|'"), NOT("!"), SLASH("/"), DASH("-"), ASTERISK("*"), AT("@"), DOLLAR("'$'"),
        ASSIGN("'='"), PLUS("+"), JUNK("junk");

        final String display;

        Kind(String display) { this.display = display; }
    }

    /** Words the scanner always returns as keywords (scanner.l rules outside start conditions, nft 1.0.6). */
    static final Set<String> KEYWORDS = Set.of(
            "vmap", "include", "define", "redefine", "undefine", "describe", "hook", "device", "devices", "table",
            "chain", "rule", "set", "element", "map", "flowtable", "handle", "ruleset", "socket", "tproxy", "accept",
            "drop", "continue", "jump", "goto", "return", "inet", "netdev", "add", "replace", "update", "create",
            "insert", "delete", "get", "list", "reset", "flush", "rename", "import", "export", "monitor", "position",
            "index", "comment", "constant", "interval", "dynamic", "auto-merge", "timeout", "gc-interval", "elements",
            "expires", "policy", "size", "flow", "offload", "meter", "counter", "log", "queue", "limit", "quota",
            "hour", "day", "reject", "snat", "dnat", "masquerade", "redirect", "random", "th", "bridge", "ether",
            "type", "typeof", "vlan", "arp", "ip", "ecn", "time", "icmp", "icmpv6", "igmp", "ip6", "priority", "ah",
            "esp", "comp", "flags", "udp", "udplite", "tcp", "dccp", "sctp", "rt", "rt0", "rt2", "srh", "hbh",
            "frag", "dst", "mh", "meta", "mark", "iif", "iifname", "iiftype", "oif", "oifname", "oiftype", "skuid",
            "skgid", "nftrace", "rtclassid", "ibriport", "ibrname", "obriport", "obrname", "pkttype", "cpu",
            "iifgroup", "oifgroup", "cgroup", "ct", "numgen", "jhash", "symhash", "dup", "fwd", "fib", "osf",
            "synproxy", "notrack", "all", "exists", "missing", "exthdr", "ipsec", "secmark", "xt");

    boolean is(Kind k) { return kind == k; }

    /** A keyword token spelled {@code word}. */
    boolean isWord(String word) {
        return (kind == Kind.KEYWORD || kind == Kind.STRING) && text.equals(word);
    }

    /** What bison calls this token in "unexpected ..." (keywords by their spelling). */
    String describe() {
        return kind == Kind.KEYWORD ? text : kind.display;
    }

    /** A location covering this token through {@code end}. */
    NftLoc to(NftToken end) {
        return new NftLoc(src, line, first, end.line == line ? end.last : first, lineStart);
    }

    NftLoc loc() {
        return new NftLoc(src, line, first, last, lineStart);
    }
}
