package io.netemu.device.xdp;

import io.netemu.ebpf.xdp.XdpHook;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The programs devices can attach, by program id: the messages that attach carry only the id
 * (they must stay serializable), and each attachment gets its own runner from the factory, so
 * devices on different threads never share per-run state. One per actor system, as one kernel's
 * program ids are shared by all its namespaces.
 */
public final class XdpPrograms implements Extension {
    private static final ExtensionId<XdpPrograms> ID = new ExtensionId<>() {
        @Override
        public XdpPrograms createExtension(ActorSystem<?> system) {
            return new XdpPrograms();
        }
    };

    /** Makes a runner for one attachment: given the program id, or null when the program is gone. */
    private final Map<Integer, IntFunction<XdpHook>> factories = new ConcurrentHashMap<>();

    public static XdpPrograms get(ActorSystem<?> system) { return system.registerExtension(ID); }

    public void register(int progId, IntFunction<XdpHook> factory) { factories.put(progId, factory); }

    public void unregister(int progId) { factories.remove(progId); }

    /** A fresh runner for the program, or null when no program has that id (any more). */
    public XdpHook attach(int progId) {
        IntFunction<XdpHook> f = factories.get(progId);
        return f == null ? null : f.apply(progId);
    }
}
