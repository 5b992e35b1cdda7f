package io.netemu.cluster.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import java.io.NotSerializableException;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Every control message between actors, as Kryo with registration required: the classes come
 * from each module's {@code META-INF/netemu-kryo-roots} (sealed protocols and the records they hold), so an
 * unregistered class fails loudly instead of falling back to Java serialization. The manifest
 * is the class name, looked up in a map built once (a {@code Class.forName} per message was
 * measured to triple the cost).
 */
public final class KryoSerializer extends SerializerWithStringManifest {
    static final int IDENTIFIER = 0x4e450001;

    private final KryoRegistry registry;
    private final Map<String, Class<?>> classesByName;
    private final Pool<Kryo> pool;

    public KryoSerializer(ExtendedActorSystem system) {
        this.registry = KryoRegistry.fromClasspath(system.dynamicAccess().classLoader());
        this.classesByName = KryoRegistry.byName(registry.classes());
        ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
        this.pool = new Pool<>(true, false, 16) {
            @Override
            protected Kryo create() {
                Kryo k = new Kryo();
                registry.registerAll(k, resolver);
                return k;
            }
        };
    }

    @Override
    public int identifier() { return IDENTIFIER; }

    @Override
    public String manifest(Object o) {
        return o.getClass().getName();
    }

    @Override
    public byte[] toBinary(Object o) {
        Kryo k = pool.obtain();
        try (Output out = new Output(256, -1)) {
            k.writeObject(out, o);
            return out.toBytes();
        } catch (KryoException e) {
            throw new IllegalArgumentException("cannot serialize " + o.getClass().getName() + ": " + e.getMessage(), e);
        } finally {
            pool.free(k);
        }
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        Class<?> c = classesByName.get(manifest);
        if (c == null) {
            throw new NotSerializableException("not a registered netemu message: " + manifest);
        }
        Kryo k = pool.obtain();
        try (Input in = new Input(bytes)) {
            return k.readObject(in, c);
        } catch (KryoException e) {
            throw new NotSerializableException("cannot read " + manifest + ": " + e.getMessage());
        } finally {
            pool.free(k);
        }
    }
}
