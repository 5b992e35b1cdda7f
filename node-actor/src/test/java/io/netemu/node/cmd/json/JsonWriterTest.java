package io.netemu.node.cmd.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The layouts of iproute2's lib/json_writer.c that {@code ip} and {@code bridge} rely on: objects
 * nested in objects and in arrays, empty collections, and values of every kind, compact and pretty.
 */
class JsonWriterTest {
    /** One document touching every layout rule: nested, empty, in arrays, every value kind. */
    private static void sample(JsonWriter w) {
        w.startObject();
        w.name("a").startObject().endObject();
        w.name("b").startArray().startObject().name("x").number(1).endObject().startObject().endObject().endArray();
        w.name("c").startArray().string("t\tn\nr\rf\fb\bs\\q\"").raw("0.00").bool(true).nul().endArray();
        w.name("d").startArray().endArray();
        w.endObject().finish();
    }

    private static String write(boolean pretty) {
        StringBuilder out = new StringBuilder();
        sample(new JsonWriter(out, pretty));
        return out.toString();
    }

    @Test
    void compact() {
        assertEquals("{\"a\":{},\"b\":[{\"x\":1},{}],\"c\":[\"t\\tn\\nr\\rf\\fb\\bs\\\\q\\\"\",0.00,true,null],\"d\":[]}\n",
                write(false));
    }

    @Test
    void prettyAsJsonWriterIndents() {
        assertEquals("""
                {
                    "a": {},
                    "b": [ {
                            "x": 1
                        },{} ],
                    "c": [ "t\\tn\\nr\\rf\\fb\\bs\\\\q\\"",0.00,true,null ],
                    "d": [ ]
                }
                """, write(true));
    }

    /** iproute2 6.1 writes {@code '} as is; the older objects' writer escapes it (see JsonWriter). */
    @Test
    void apostrophes() {
        StringBuilder plain = new StringBuilder();
        new JsonWriter(plain, false).startArray().string("q'x").endArray().finish();
        assertEquals("[\"q'x\"]\n", plain.toString());
        StringBuilder escaped = new StringBuilder();
        JsonWriter.escapingApostrophes(escaped, false).startArray().string("q'x").endArray().finish();
        assertEquals("[\"q\\'x\"]\n", escaped.toString());
    }
}
