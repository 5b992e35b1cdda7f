package io.netemu.test.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.cluster.member.LocalMembers;
import io.netemu.cluster.member.MemberException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A member that cannot start makes LocalMembers fail with its reason and the place of its log. */
class LocalMembersTest {
    @Test
    void aMemberThatExitsIsReportedWithItsLog() throws Exception {
        LocalMembers.Options o = LocalMembers.Options.defaults().withMemberArgs(List.of("--join-timeout", "soon"));
        MemberException e = assertThrows(MemberException.class, () -> LocalMembers.start(2, o));
        assertEquals(MemberException.FAILURE, e.exitStatus());
        String m = e.getMessage();
        // both members fail alike; whichever exit is noticed first is the one reported
        assertTrue(m.matches("member-[12] exited with status 2 \\(netemu member: --join-timeout soon: expected a positive duration,"
                + " such as 30s\\); its log: .*"), m);
        Path log = Path.of(m.substring(m.indexOf("its log: ") + "its log: ".length()));
        assertEquals(m.substring(0, "member-1".length()) + ".log", log.getFileName().toString());
        assertTrue(Files.readString(log).contains("--join-timeout soon"), "the log is kept for the user to read");
        Files.walk(log.getParent()).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
}
