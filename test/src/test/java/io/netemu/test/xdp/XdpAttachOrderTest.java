package io.netemu.test.xdp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.ns.NetnsDirectory;
import io.netemu.packet.SkBuff;
import io.netemu.test.e2e.Labs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.concurrent.ExecutionContext;
import scala.jdk.javaapi.FutureConverters;

/**
 * {@code ip link set dev X xdp obj ...} answers once the program is attached, as on Linux: a
 * frame that reaches the device the moment the answer arrives meets the program. The frame is
 * handed to the device from the answer's own delivery, so it is in the device's mailbox before
 * anything the namespace sends after its answer: if the namespace told the device of the
 * program only after answering, as it once did, the frame would pass unseen (so count_src
 * missed a lab's first echo when the ping came right after the boot that attached it).
 */
class XdpAttachOrderTest {
    private ActorTestKit kit;

    @AfterEach
    void shutdown() {
        if (kit != null) {
            kit.shutdownTestKit();
        }
    }

    @Test
    void aFrameArrivingWithTheAnswerMeetsTheProgram() throws Exception {
        Path dir = XdpObjects.dir();
        kit = ActorTestKit.create(Labs.testConfig());
        // /run/netns played by the test: r1 waits for its answer to `ip netns list`
        TestProbe<NetnsDirectory.Command> directory = kit.createTestProbe();
        ActorRef<NsInbound> h1 = kit.spawn(NamespaceActor.create("h1", 1, -1, directory.getRef()), "h1");
        ActorRef<NsInbound> r1 = kit.spawn(NamespaceActor.create("r1", 2, -1, directory.getRef()), "r1");
        TestProbe<NamespaceActor.VethAdded> added = kit.createTestProbe();
        h1.tell(new NamespaceActor.AddVeth("eth0", 0x020000000a01L, 1500, NetemConfig.NONE, 11, added.getRef()));
        NamespaceActor.VethAdded h1Eth0 = added.receiveMessage();
        r1.tell(new NamespaceActor.AddVeth("eth0", 0x020000000b01L, 1500, NetemConfig.NONE, 12, added.getRef()));
        NamespaceActor.VethAdded r1Eth0 = added.receiveMessage();
        TestProbe<NamespaceActor.Ack> ack = kit.createTestProbe();
        h1.tell(new NamespaceActor.ConnectPeer("eth0", r1Eth0.device(), r1Eth0.ifindex(), "r1", ack.getRef()));
        r1.tell(new NamespaceActor.ConnectPeer("eth0", h1Eth0.device(), h1Eth0.ifindex(), "h1", ack.getRef()));
        ack.receiveSeveralMessages(2);

        // The attach waits behind `ip netns list` (commands run in order), so the callback below is
        // in place before r1 answers: Scala's parasitic callback then runs inside r1's tell of the
        // answer (the Java view of the future would run it on another pool later), and the frame
        // is in the device's mailbox before anything r1 sends after answering, as a peer's frame
        // sent on the answer would be.
        TestProbe<CommandResult> listed = kit.createTestProbe();
        r1.tell(new NamespaceActor.Exec("ip netns list", listed.getRef()));
        NetnsDirectory.ListAll list = directory.expectMessageClass(NetnsDirectory.ListAll.class);
        SkBuff frame = SkBuff.wrap(XdpRedirectTest.frame("udp-exchange.pcap", 0, 7777)); // from 10.0.1.2
        String attach = "ip link set dev eth0 xdp obj " + dir.resolve("count_src.o") + " sec xdp";
        CompletionStage<CommandResult> asked = AskPattern.<NsInbound, CommandResult>ask(r1,
                to -> new NamespaceActor.Exec(attach, to), Duration.ofSeconds(30), kit.scheduler());
        FutureConverters.asScala(asked).onComplete(answer -> {
            r1Eth0.device().tell(new NetDevice.Receive(List.of(frame)));
            return null;
        }, ExecutionContext.parasitic$.MODULE$);
        list.replyTo().tell(new NetnsDirectory.Reply(null, null, List.of()));
        assertEquals(0, listed.receiveMessage().exit());
        CommandResult r = asked.toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r::stderr);

        await().atMost(Duration.ofSeconds(30)).until(() -> rxPackets(r1) == 1);
        assertEquals(1, stat(r1, "rx_queue_0_xdp_packets"), "the frame went through count_src");
        assertTrue(exec(r1, "bpftool map lookup name src_count key 10 0 1 2").stdout().contains("\"packets\": 1"));
    }

    private CommandResult exec(ActorRef<NsInbound> ns, String line) {
        TestProbe<CommandResult> p = kit.createTestProbe();
        ns.tell(new NamespaceActor.Exec(line, p.getRef()));
        CommandResult r = p.receiveMessage(Duration.ofSeconds(30));
        assertEquals(0, r.exit(), () -> line + "\n" + r.stdout() + r.stderr());
        return r;
    }

    private long stat(ActorRef<NsInbound> ns, String name) {
        Matcher m = Pattern.compile("(?m)^\\s+" + name + ": (\\d+)$").matcher(exec(ns, "ethtool -S eth0").stdout());
        assertTrue(m.find(), name);
        return Long.parseLong(m.group(1));
    }

    /** RX packets of eth0 in {@code ip -s link show}. */
    private long rxPackets(ActorRef<NsInbound> ns) {
        String[] lines = exec(ns, "ip -s link show dev eth0").stdout().split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].strip().startsWith("RX:")) {
                return Long.parseLong(lines[i + 1].strip().split("\\s+")[1]);
            }
        }
        throw new AssertionError("no RX in ip -s link show");
    }
}
