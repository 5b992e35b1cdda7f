package io.netemu.test.linux;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code linux-labs/linkdown-routes.yaml} in real Linux and in netemu: a cable cut under static
 * routes (metric-ordered and ECMP) with {@code net.ipv4.conf.*.ignore_routes_with_linkdown} 0 and
 * 1, set per device and for all, before and after the cut. Every {@code ip} command's output
 * ({@code ip route show}'s linkdown / dead linkdown flags, {@code ip route get}'s choice, errors)
 * must be exactly Linux's, and every ping's outcome the same.
 */
class LinkdownDifferentialTest {
    @Test
    void cutLinkWithAndWithoutIgnoreRoutesWithLinkdown() {
        ToolDifferential.assertSameAsLinux("linkdown-routes", "ip", UnaryOperator.identity());
    }
}
