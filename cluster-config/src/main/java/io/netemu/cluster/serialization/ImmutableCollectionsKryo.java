package io.netemu.cluster.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The JDK's immutable List/Map implementations (List.of, List.copyOf, Map.copyOf...), which have no constructors Kryo can call. */
final class ImmutableCollectionsKryo {
    private ImmutableCollectionsKryo() {}

    static void register(Kryo kryo) {
        ListSer ls = new ListSer();
        for (List<?> l : List.of(List.of(), List.of(1), List.of(1, 2, 3), Collections.unmodifiableList(new ArrayList<>()),
                Collections.emptyList(), List.of(1).subList(0, 1), new ArrayList<>(List.of(1)).subList(0, 1),
                java.util.Arrays.asList(1), new ArrayList<>(List.of(1)).stream().toList())) {
            if (kryo.getClassResolver().getRegistration(l.getClass()) == null) {
                kryo.register(l.getClass(), ls);
            }
        }
        MapSer ms = new MapSer();
        for (Map<?, ?> m : List.of(Map.of(), Map.of(1, 1), Map.of(1, 1, 2, 2), Collections.unmodifiableMap(new HashMap<>()),
                Collections.emptyMap())) {
            if (kryo.getClassResolver().getRegistration(m.getClass()) == null) {
                kryo.register(m.getClass(), ms);
            }
        }
    }

    private static final class ListSer extends Serializer<List<?>> {
        ListSer() { setImmutable(true); }

        @Override
        public void write(Kryo kryo, Output out, List<?> l) {
            out.writeVarInt(l.size(), true);
            for (Object o : l) {
                kryo.writeClassAndObject(out, o);
            }
        }

        @Override
        public List<?> read(Kryo kryo, Input in, Class<? extends List<?>> type) {
            int n = in.readVarInt(true);
            Object[] a = new Object[n];
            for (int i = 0; i < n; i++) {
                a[i] = kryo.readClassAndObject(in);
            }
            return List.of(a);
        }
    }

    private static final class MapSer extends Serializer<Map<?, ?>> {
        MapSer() { setImmutable(true); }

        @Override
        public void write(Kryo kryo, Output out, Map<?, ?> m) {
            out.writeVarInt(m.size(), true);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                kryo.writeClassAndObject(out, e.getKey());
                kryo.writeClassAndObject(out, e.getValue());
            }
        }

        @Override
        public Map<?, ?> read(Kryo kryo, Input in, Class<? extends Map<?, ?>> type) {
            int n = in.readVarInt(true);
            Map<Object, Object> m = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                m.put(kryo.readClassAndObject(in), kryo.readClassAndObject(in));
            }
            return Map.copyOf(m);
        }
    }
}
