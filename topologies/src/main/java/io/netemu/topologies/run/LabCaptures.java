package io.netemu.topologies.run;

import io.netemu.device.NetDevice;
import io.netemu.device.capture.CaptureFile;
import io.netemu.device.capture.CaptureInbox;
import io.netemu.device.capture.Captured;
import io.netemu.topologies.lab.Endpoint;
import io.netemu.topologies.lab.Lab;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The lab's whole-run captures: one {@link CaptureFile} per captured interface, named
 * {@code LAB-NODE-IFACE.pcap} in the capture folder, tapped into the interface's device actor
 * each time one is created (at boot and at every restart of its node), closed at the end.
 */
final class LabCaptures {
    /** Where {@code netemu run --capture-dir} puts the files; the JVM's working directory when unset. */
    static final String DIR_KEY = "netemu.capture.dir";

    private final Map<Endpoint, ActorRef<CaptureInbox>> files = new LinkedHashMap<>();
    private final Map<Endpoint, String> paths = new LinkedHashMap<>();
    private final List<RunReport.Capture> closed = new ArrayList<>();

    LabCaptures(ActorContext<LabActor.Command> ctx, Lab lab) {
        var config = ctx.getSystem().settings().config();
        Path dir = Path.of(config.hasPath(DIR_KEY) ? config.getString(DIR_KEY) : "");
        for (Endpoint e : lab.capture()) {
            Path file = dir.resolve(fileName(lab.name(), e));
            files.put(e, ctx.spawn(CaptureFile.create(e.toString(), file), "capture-" + e.node() + "-" + e.iface()));
            paths.put(e, file.toString());
        }
    }

    static String fileName(String lab, Endpoint e) {
        return lab + "-" + e.node() + "-" + e.iface() + ".pcap";
    }

    boolean isEmpty() { return files.isEmpty(); }

    /** A device actor for {@code e} exists now: from here on its frames go into the interface's file too. */
    void tap(Endpoint e, ActorRef<NetDevice.Command> device) {
        ActorRef<CaptureInbox> file = files.get(e);
        if (file != null && device != null) {
            device.tell(new NetDevice.AddTap(file.<Captured>narrow()));
        }
    }

    /** Asks every file to flush and close; each answers the lab actor with a {@link LabActor.CaptureClosed}. */
    void closeAll(ActorContext<LabActor.Command> ctx) {
        ActorRef<CaptureFile.Closed> reply = ctx.messageAdapter(CaptureFile.Closed.class, LabActor.CaptureClosed::new);
        files.values().forEach(f -> f.tell(new CaptureFile.Close(reply)));
    }

    /** Records one closed file; true once all are closed. */
    boolean closed(CaptureFile.Closed c) {
        closed.add(new RunReport.Capture(c.label(), c.file(), c.frames(), c.error()));
        return closed.size() == files.size();
    }

    /** The closed files in the order the lab lists them. */
    List<RunReport.Capture> report() {
        List<RunReport.Capture> out = new ArrayList<>();
        for (Endpoint e : files.keySet()) {
            closed.stream().filter(c -> c.iface().equals(e.toString())).findFirst().ifPresent(out::add);
        }
        return out;
    }
}
