package io.netemu.node.cmd.tc;

import static io.netemu.node.cmd.tc.TcCommand.matches;

import io.netemu.device.qdisc.TbfConfig;
import io.netemu.node.cmd.CommandExit;
import java.util.List;

/**
 * tbf's options as iproute2 6.1's q_tbf.c reads and prints them: {@code rate}, {@code burst}
 * (or {@code buffer}/{@code maxburst}), {@code latency} or {@code limit}, {@code peakrate} with
 * {@code mtu} (or {@code minburst}), {@code mpu}, {@code overhead}; every missing mandatory
 * parameter reported at once. Printing goes through psched ticks as tc does, so the burst and
 * latency shown are the kernel's rounded values ({@code burst 1540} at 100mbit shows 1537b).
 */
final class TcTbf {
    private TcTbf() {}

    static final String USAGE = "Usage: ... tbf limit BYTES burst BYTES[/BYTES] rate KBPS [ mtu BYTES[/BYTES] ]\n"
            + "\t[ peakrate KBPS ] [ latency TIME ] [ overhead BYTES ] [ linklayer TYPE ]\n";

    private static CommandExit illegal(String what, String v) {
        return CommandExit.fail("tbf: illegal value for \"" + what + "\": \"" + v + "\"");
    }

    private static CommandExit duplicate(String what) {
        return CommandExit.fail("tbf: duplicate \"" + what + "\" specification");
    }

    private static String next(List<String> a, int i) {
        if (i >= a.size()) {
            throw CommandExit.usage("Command line is not complete. Try option \"help\"");
        }
        return a.get(i);
    }

    /** tbf_parse_opt; {@code mtuOfDev} is not needed: percent rates are refused as netemu has no link speed. */
    static TbfConfig parse(List<String> a) {
        long limit = 0;
        long latencyUs = 0;
        long buffer = 0;
        long mtu = 0;
        long mpu = 0;
        long rate = 0;
        long peak = 0;
        long overhead = 0;
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (matches(w, "limit")) {
                String v = next(a, ++i);
                if (latencyUs != 0) {
                    throw CommandExit.fail("tbf: specifying both \"latency\" and \"limit\" is not allowed");
                }
                limit = TcUnits.sizeBytes(v);
                if (limit < 0) {
                    throw illegal("limit", v);
                }
            } else if (matches(w, "latency")) {
                String v = next(a, ++i);
                if (limit != 0) {
                    throw CommandExit.fail("tbf: specifying both \"latency\" and \"limit\" is not allowed");
                }
                latencyUs = TcUnits.timeUs(v);
                if (latencyUs < 0) {
                    throw illegal("latency", v);
                }
            } else if (matches(w, "burst") || w.equals("buffer") || w.equals("maxburst")) {
                String v = next(a, ++i);
                if (buffer != 0) {
                    throw duplicate("buffer/burst/maxburst");
                }
                buffer = sizeAndCell(v);
                if (buffer < 0) {
                    throw illegal(w, v);
                }
            } else if (w.equals("mtu") || w.equals("minburst")) {
                String v = next(a, ++i);
                if (mtu != 0) {
                    throw duplicate("mtu/minburst");
                }
                mtu = sizeAndCell(v);
                if (mtu < 0) {
                    throw illegal(w, v);
                }
            } else if (w.equals("mpu")) {
                String v = next(a, ++i);
                if (mpu != 0) {
                    throw duplicate("mpu");
                }
                mpu = TcUnits.sizeBytes(v);
                if (mpu < 0) {
                    throw illegal("mpu", v);
                }
            } else if (w.equals("rate")) {
                String v = next(a, ++i);
                if (rate != 0) {
                    throw duplicate("rate");
                }
                rate = TcUnits.rateBytes(v);
                if (rate < 0) {
                    throw illegal("rate", v);
                }
            } else if (matches(w, "peakrate")) {
                String v = next(a, ++i);
                if (peak != 0) {
                    throw duplicate("peakrate");
                }
                peak = TcUnits.rateBytes(v);
                if (peak < 0) {
                    throw illegal("peakrate", v);
                }
            } else if (matches(w, "overhead")) {
                String v = next(a, ++i);
                if (overhead != 0) {
                    throw duplicate("overhead");
                }
                try {
                    overhead = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    overhead = -1;
                }
                if (overhead < 0 || overhead > 0xFFFF) {
                    throw illegal("overhead", v);
                }
            } else if (matches(w, "linklayer")) {
                String v = next(a, ++i);
                if (!v.equals("ethernet")) {
                    throw TcCommand.unsupported("tbf linklayer " + v);
                }
            } else if (w.equals("help")) {
                throw CommandExit.fail(USAGE);
            } else {
                throw CommandExit.fail("tbf: unknown parameter \"" + w + "\"\n" + USAGE);
            }
        }
        StringBuilder err = new StringBuilder();
        if (rate == 0) {
            err.append("tbf: the \"rate\" parameter is mandatory.\n");
        }
        if (buffer == 0) {
            err.append("tbf: the \"burst\" parameter is mandatory.\n");
        }
        if (peak != 0 && mtu == 0) {
            err.append("tbf: when \"peakrate\" is specified, \"mtu\" must also be specified.\n");
        }
        if (limit == 0 && latencyUs == 0) {
            err.append("tbf: either \"limit\" or \"latency\" is required.\n");
        }
        if (err.length() > 0) {
            throw CommandExit.fail(err + USAGE);
        }
        if (limit == 0) {
            double lim = rate * (double) latencyUs / 1e6 + buffer;
            if (peak != 0) {
                double lim2 = peak * (double) latencyUs / 1e6 + mtu;
                lim = Math.min(lim, lim2);
            }
            limit = (long) lim & 0xFFFFFFFFL;
        }
        return new TbfConfig(rate, peak, buffer, peak == 0 ? 0 : mtu, limit, (int) mpu, (int) overhead);
    }

    /** tbf_change's checks, made when the kernel would: a peak rate must exceed the rate. */
    static void kernelCheck(TbfConfig t) {
        if (t.peakBytes() != 0 && t.peakBytes() <= t.rateBytes()) {
            throw CommandExit.kernel("RTNETLINK answers: Invalid argument");
        }
    }

    /** get_size_and_cell: BYTES[/CELL], the cell (a rate table's) ignored as the kernel ignores it today. */
    private static long sizeAndCell(String v) {
        int slash = v.indexOf('/');
        String sz = slash < 0 ? v : v.substring(0, slash);
        if (slash >= 0) {
            String cell = v.substring(slash + 1);
            if (!cell.matches("[0-9]+")) {
                return -1;
            }
        }
        return TcUnits.sizeBytes(sz);
    }

    /** tbf_print_opt (tc 6.1), with {@code -d} details. */
    static String print(TbfConfig t, boolean details) {
        StringBuilder b = new StringBuilder();
        b.append("rate ").append(TcUnits.rate(t.rateBytes())).append(' ');
        long bufferTicks = t.bufferNanos() >> 6;
        long burst = (long) ((double) t.rateBytes() * TcUnits.ticksToUs(bufferTicks) / 1e6);
        if (details) {
            b.append("burst ").append(TcUnits.size(burst)).append("/1 mpu ").append(TcUnits.size(t.mpu())).append(' ');
        } else {
            b.append("burst ").append(TcUnits.size(burst)).append(' ');
        }
        long mtuTicks = t.mtuNanos() >> 6;
        if (t.peakBytes() != 0) {
            b.append("peakrate ").append(TcUnits.rate(t.peakBytes())).append(' ');
            long mtu = (long) ((double) t.peakBytes() * TcUnits.ticksToUs(mtuTicks) / 1e6);
            if (details) {
                b.append("mtu ").append(TcUnits.size(mtu)).append("/1 mpu ").append(TcUnits.size(t.mpu())).append(' ');
            } else {
                b.append("minburst ").append(TcUnits.size(mtu)).append(' ');
            }
        }
        double latency = 1e6 * (t.limitBytes() / (double) t.rateBytes()) - TcUnits.ticksToUs(bufferTicks);
        if (t.peakBytes() != 0) {
            double lat2 = 1e6 * (t.limitBytes() / (double) t.peakBytes()) - TcUnits.ticksToUs(mtuTicks);
            latency = Math.max(latency, lat2);
        }
        if (latency >= 0) {
            b.append("lat ").append(TcUnits.timeUsStr((long) latency)).append(' ');
        } else {
            b.append("limit ").append(TcUnits.size(t.limitBytes())).append(' ');
        }
        if (t.overhead() != 0) {
            b.append("overhead ").append(t.overhead()).append(' ');
        }
        if (details) {
            b.append("linklayer ethernet ");
        }
        return b.toString();
    }
}
