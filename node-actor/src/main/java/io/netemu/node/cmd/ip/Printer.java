package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.json.JsonWriter;

/**
 * iproute2's {@code lib/json_print.c}: one call prints a field either as text or as JSON,
 * depending on whether {@code -j} opened a JSON context. Formatters are written against this,
 * so text and JSON come from the same walk, in the same order, as in iproute2.
 *
 * <p>Method names follow the output types: {@code any*} is PRINT_ANY (text or JSON),
 * {@code fp} is PRINT_FP (text only), {@code json*} is PRINT_JSON (JSON only).
 */
final class Printer {
    private final StringBuilder out = new StringBuilder();
    private final JsonWriter jw;
    /** {@code _SL_}: the line separator, a backslash under {@code -o}. */
    private final String sl;

    Printer(IpOptions opts) {
        this.jw = opts.json() ? JsonWriter.escapingApostrophes(out, opts.pretty()) : null;
        this.sl = opts.oneline() ? "\\" : "\n";
    }

    boolean json() { return jw != null; }

    String sl() { return sl; }

    /** new_json_obj: the top-level array of a listing. */
    void begin() {
        if (jw != null) {
            jw.startArray();
        }
    }

    /** delete_json_obj. */
    void end() {
        if (jw != null) {
            jw.endArray();
            jw.finish();
        }
    }

    String output() { return out.toString(); }

    /** Text appended as is, JSON context or not (another printer's output). */
    void raw(String text) { out.append(text); }

    /** print_string(PRINT_ANY, key, fmt, value), with the text already formatted. */
    void any(String key, String value, String text) {
        if (jw != null) {
            if (key != null) {
                jw.name(key);
            }
            jw.string(value);
        } else {
            out.append(text);
        }
    }

    /** A number (print_int/print_uint/print_u64) under PRINT_ANY. */
    void anyNum(String key, long value, String text) {
        anyRaw(key, Long.toString(value), text);
    }

    /** A value written unquoted in JSON (numbers such as {@code 0.00}). */
    void anyRaw(String key, String raw, String text) {
        if (jw != null) {
            if (key != null) {
                jw.name(key);
            }
            jw.raw(raw);
        } else {
            out.append(text);
        }
    }

    /** print_bool(PRINT_ANY, key, text, true). */
    void anyTrue(String key, String text) {
        anyRaw(key, "true", text);
    }

    /** PRINT_FP only. */
    void fp(String text) {
        if (jw == null) {
            out.append(text);
        }
    }

    void jsonStr(String key, String value) {
        if (jw != null) {
            jw.name(key).string(value);
        }
    }

    void jsonNum(String key, long value) {
        if (jw != null) {
            jw.name(key).number(value);
        }
    }

    void jsonRaw(String key, String raw) {
        if (jw != null) {
            jw.name(key).raw(raw);
        }
    }

    void jsonNull(String key) {
        if (jw != null) {
            jw.name(key).nul();
        }
    }

    /** print_nl: {@code _SL_} in text mode, nothing in JSON. */
    void nl() {
        if (jw == null) {
            out.append(sl);
        }
    }

    /** open_json_object: JSON only. */
    void openObject(String key) {
        if (jw != null) {
            if (key != null) {
                jw.name(key);
            }
            jw.startObject();
        }
    }

    void closeObject() {
        if (jw != null) {
            jw.endObject();
        }
    }

    /** open_json_array(PRINT_ANY, key): in text mode prints {@code text} instead. */
    void openArray(String key, String text) {
        if (jw != null) {
            if (key != null) {
                jw.name(key);
            }
            jw.startArray();
        } else {
            out.append(text);
        }
    }

    /** open_json_array(PRINT_JSON, key). */
    void openJsonArray(String key) {
        if (jw != null) {
            jw.name(key).startArray();
        }
    }

    void closeArray(String text) {
        if (jw != null) {
            jw.endArray();
        } else {
            out.append(text);
        }
    }

    void closeJsonArray() {
        if (jw != null) {
            jw.endArray();
        }
    }
}
