package io.netemu.node.cmd.nft;

import io.netemu.stack.netfilter.nft.NftChain;
import io.netemu.stack.netfilter.nft.NftFamily;
import io.netemu.stack.netfilter.nft.NftRuleset;
import io.netemu.stack.netfilter.nft.NftSet;
import io.netemu.stack.netfilter.nft.NftTable;

/**
 * "did you mean" suggestions (nftables src/misspell.c, table_lookup_fuzzy, chain_lookup_fuzzy,
 * set_lookup_fuzzy): names within a length-dependent edit distance. The distance is computed as
 * nft 1.0.6 computes it, including its indexing quirks, so suggestions come out the same.
 */
final class NftFuzzy {
    private NftFuzzy() {}

    private static char at(String s, int i) { return i < s.length() ? s.charAt(i) : 0; }

    /** misspell.c string_distance, as written there (characters compared at i and j, not i-1 and j-1). */
    static int distance(String a, String b) {
        int la = a.length();
        int lb = b.length();
        int[] d = new int[(la + 1) * (lb + 1) + 1];
        for (int i = 0; i <= la; i++) {
            d[i * lb] = i;
        }
        for (int j = 0; j <= lb; j++) {
            d[j] = j;
        }
        for (int i = 1; i <= la; i++) {
            for (int j = 1; j <= lb; j++) {
                int sub = at(a, i) == at(b, j) ? 0 : 1;
                int v = Math.min(Math.min(d[(i - 1) * lb + j] + 1, d[i * lb + j - 1] + 1), d[(i - 1) * lb + j - 1] + sub);
                if (i > 1 && j > 1 && at(a, i) == at(b, j - 1) && at(a, i - 1) == at(b, j)) {
                    v = Math.min(v, d[(i - 2) * lb + j - 2] + sub);
                }
                d[i * lb + j] = v;
            }
        }
        return d[la * lb + lb];
    }

    /** Whether {@code candidate} is close enough to {@code wanted} and closer than {@code best} (string_misspell_update). */
    static int score(String candidate, String wanted) {
        int max = Math.max(candidate.length(), wanted.length());
        int min = Math.min(candidate.length(), wanted.length());
        if (max <= 1) {
            return -1;
        }
        int threshold = max - min <= 1 ? Math.max((max + 2) / 3, 1) : (max + 4) / 3;
        int dist = distance(candidate, wanted);
        return dist > threshold ? -1 : dist;
    }

    /**
     * nft_cmd_enoent_rule: the closest chain anywhere (chain_lookup_fuzzy), then "did you mean
     * table" when the table asked for does not exist but the found chain's table differs, else
     * "did you mean chain" when only a similar chain exists. Returns {hint, "table"|"chain"} or null.
     */
    static String[] enoentRule(NftRuleset rs, NftFamily family, String table, String chain) {
        NftChain found = null;
        int bestD = Integer.MAX_VALUE;
        for (NftTable t : rs.tables()) {
            for (NftChain c : t.chains()) {
                // no exact-name shortcut: one-letter names are never candidates, even an equal one
                int d = score(c.name(), chain);
                if (d >= 0 && d < bestD) {
                    found = c;
                    bestD = d;
                }
            }
        }
        if (found == null) {
            return null;
        }
        NftTable ft = found.table();
        if (rs.table(family, table) == null && (!ft.name().equals(table) || ft.family() != family)) {
            return new String[] {"; did you mean table ‘" + ft.name() + "’ in family " + ft.family().text() + "?", "table"};
        }
        if (!found.name().equals(chain)) {
            return new String[] {"; did you mean chain ‘" + found.name() + "’ in table " + ft.family().text() + " ‘"
                    + ft.name() + "’?", "chain"};
        }
        return null;
    }

    static String setHint(NftRuleset rs, String name) {
        NftSet best = null;
        NftTable in = null;
        int bestD = Integer.MAX_VALUE;
        for (NftTable t : rs.tables()) {
            for (NftSet s : t.sets()) {
                int d = s.name().equals(name) ? 0 : score(s.name(), name);
                if (d >= 0 && d < bestD) {
                    best = s;
                    in = t;
                    bestD = d;
                }
            }
        }
        return best == null ? "" : "; did you mean set ‘" + best.name() + "’ in table " + in.family().text() + " ‘"
                + in.name() + "’?";
    }
}
