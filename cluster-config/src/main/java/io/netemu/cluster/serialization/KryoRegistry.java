package io.netemu.cluster.serialization;

import com.esotericsoftware.kryo.Kryo;
import io.netemu.packet.SkBuff;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Which classes Kryo may see, registered in one deterministic order so every JVM of a cluster
 * numbers them alike. From the configured message roots it walks sealed hierarchies and record
 * components; anything else is refused at serialization time (registration required).
 */
final class KryoRegistry {
    private final List<Class<?>> classes;

    KryoRegistry(List<String> roots, ClassLoader loader) {
        Set<Class<?>> found = new LinkedHashSet<>();
        for (String r : roots) {
            try {
                walk(Class.forName(r, false, loader), found);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("netemu.kryo.roots: no class " + r, e);
            }
        }
        TreeSet<Class<?>> sorted = new TreeSet<>(Comparator.comparing(Class::getName));
        sorted.addAll(found);
        this.classes = List.copyOf(sorted);
    }

    List<Class<?>> classes() { return classes; }

    /** The roots every module lists in {@code META-INF/netemu-kryo-roots}, one class name a line ({@code #} comments). */
    static KryoRegistry fromClasspath(ClassLoader loader) {
        TreeSet<String> roots = new TreeSet<>();
        try {
            var urls = loader.getResources(ROOTS_RESOURCE);
            while (urls.hasMoreElements()) {
                try (var in = urls.nextElement().openStream()) {
                    for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                        String l = line.strip();
                        if (!l.isEmpty() && !l.startsWith("#")) {
                            roots.add(l);
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + ROOTS_RESOURCE, e);
        }
        return new KryoRegistry(List.copyOf(roots), loader);
    }

    static final String ROOTS_RESOURCE = "META-INF/netemu-kryo-roots";

    private static void walk(Class<?> c, Set<Class<?>> found) {
        if (c.isPrimitive() || c == String.class || !found.add(c)) {
            return;
        }
        if (c.isSealed()) {
            for (Class<?> p : c.getPermittedSubclasses()) {
                walk(p, found);
            }
        }
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                walkType(rc.getGenericType(), found);
            }
        }
        if (c.isArray()) {
            walk(c.getComponentType(), found);
        }
    }

    private static void walkType(Type t, Set<Class<?>> found) {
        if (t instanceof Class<?> c) {
            if (!c.isInterface() || c.isSealed()) {
                walk(c, found);
            }
        } else if (t instanceof ParameterizedType p) {
            walkType(p.getRawType(), found);
            for (Type a : p.getActualTypeArguments()) {
                walkType(a, found);
            }
        }
    }

    /** Registers the fixed classes (collections, refs, frames) first, then the message classes. */
    void registerAll(Kryo kryo, ActorRefResolver resolver) {
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.register(String.class);
        kryo.register(byte[].class);
        kryo.register(int[].class);
        kryo.register(long[].class);
        kryo.register(Long.class);
        kryo.register(Integer.class);
        kryo.register(Boolean.class);
        kryo.register(Double.class);
        ImmutableCollectionsKryo.register(kryo);
        kryo.register(ArrayList.class);
        kryo.register(HashMap.class);
        kryo.register(EnumMap.class, new com.esotericsoftware.kryo.serializers.EnumMapSerializer(Enum.class));
        kryo.register(SkBuff.class, new SkBuffKryo());
        ActorRefKryo refs = new ActorRefKryo(resolver);
        kryo.addDefaultSerializer(ActorRef.class, refs);
        for (String impl : List.of(
                "org.apache.pekko.actor.typed.internal.adapter.ActorRefAdapter",
                "org.apache.pekko.actor.typed.internal.adapter.ActorSystemAdapter")) {
            try {
                kryo.register(Class.forName(impl), refs);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Pekko internals moved: " + impl, e);
            }
        }
        for (Class<?> c : classes) {
            if (!c.isInterface() && !java.lang.reflect.Modifier.isAbstract(c.getModifiers())
                    && kryo.getClassResolver().getRegistration(c) == null) {
                kryo.register(c);
            }
        }
    }

    static Map<String, Class<?>> byName(List<Class<?>> cs) {
        Map<String, Class<?>> m = new HashMap<>();
        cs.forEach(c -> m.put(c.getName(), c));
        return m;
    }
}
