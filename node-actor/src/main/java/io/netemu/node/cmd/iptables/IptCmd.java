package io.netemu.node.cmd.iptables;

import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed iptables command line (struct xt_cmd_parse, iptables_command_state and xtables_args
 * in xshared.h): the command and its chain, the options given, and the rule specification as the
 * user wrote it, before addresses are resolved.
 */
final class IptCmd {
    static final int CMD_INSERT = 1;
    static final int CMD_DELETE = 1 << 1;
    static final int CMD_DELETE_NUM = 1 << 2;
    static final int CMD_REPLACE = 1 << 3;
    static final int CMD_APPEND = 1 << 4;
    static final int CMD_LIST = 1 << 5;
    static final int CMD_FLUSH = 1 << 6;
    static final int CMD_ZERO = 1 << 7;
    static final int CMD_NEW_CHAIN = 1 << 8;
    static final int CMD_DELETE_CHAIN = 1 << 9;
    static final int CMD_SET_POLICY = 1 << 10;
    static final int CMD_RENAME_CHAIN = 1 << 11;
    static final int CMD_LIST_RULES = 1 << 12;
    static final int CMD_ZERO_NUM = 1 << 13;
    static final int CMD_CHECK = 1 << 14;
    static final String CMD_CHARS = "IDDRALFZNXPESZC";

    static final int OPT_NUMERIC = 1;
    static final int OPT_SOURCE = 1 << 1;
    static final int OPT_DESTINATION = 1 << 2;
    static final int OPT_PROTOCOL = 1 << 3;
    static final int OPT_JUMP = 1 << 4;
    static final int OPT_VERBOSE = 1 << 5;
    static final int OPT_EXPANDED = 1 << 6;
    static final int OPT_VIANAMEIN = 1 << 7;
    static final int OPT_VIANAMEOUT = 1 << 8;
    static final int OPT_LINENUMBERS = 1 << 9;
    static final int OPT_COUNTERS = 1 << 10;
    static final int OPT_FRAGMENT = 1 << 11;
    static final String OPT_CHARS = "nsdpjvxio0cf";

    /** A loaded extension: its parser and whether an option of it was used (proto matches load unused). */
    static final class Ext<T> {
        final String name;
        final XtExtParser<T> parser;
        boolean used;

        Ext(String name, XtExtParser<T> parser) {
            this.name = name;
            this.parser = parser;
        }
    }

    int command;
    String chain;
    String newname;
    String policy;
    int rulenum;
    String table = "filter";
    int options;
    int verbose;
    boolean wait;
    /** -W was given (deprecated; meaningful only with -w). */
    boolean waitIntervalNotice;

    String src;
    String dst;
    String protocol;
    int proto;
    String iniface = "";
    String outiface = "";
    boolean frag;
    int invflags;
    final List<Ext<XtMatch>> matches = new ArrayList<>();
    String jumpto;
    Ext<XtTarget> target;
    boolean gotoSet;
    long pcnt;
    long bcnt;
    final List<XtMatch> built = new ArrayList<>();
    XtTarget builtTarget;
    /** Source and destination after post_parse: {address, mask} pairs (one rule per combination). */
    List<int[]> srcs = List.of(new int[] {0, 0});
    List<int[]> dsts = List.of(new int[] {0, 0});

    boolean has(int opt) { return (options & opt) != 0; }
}
