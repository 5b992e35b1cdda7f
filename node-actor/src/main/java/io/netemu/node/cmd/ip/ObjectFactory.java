package io.netemu.node.cmd.ip;

import java.lang.reflect.InvocationTargetException;
import java.util.function.LongSupplier;

/**
 * Makes the objects other owners write in this package. {@code IpNeigh} is looked up by name
 * so {@code ip} builds before it lands (null, and "not available yet", while it is missing);
 * once it is committed this becomes a plain {@code new IpNeigh(now)}.
 */
final class ObjectFactory {
    private static final String PKG = "io.netemu.node.cmd.ip.";

    private ObjectFactory() {}

    static IpObject route() {
        return new IpRoute();
    }

    /** {@code new IpNeigh(now)}. */
    static IpObject neigh(LongSupplier now) {
        return make("IpNeigh", new Class<?>[] {LongSupplier.class}, now);
    }

    private static IpObject make(String name, Class<?>[] types, Object... args) {
        Class<?> c;
        try {
            c = Class.forName(PKG + name);
        } catch (ClassNotFoundException e) {
            return null;
        }
        try {
            return (IpObject) c.getConstructor(types).newInstance(args);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(name + " lacks the expected public constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(name + " failed to start", e.getCause());
        }
    }
}
