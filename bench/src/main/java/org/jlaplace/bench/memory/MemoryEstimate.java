package org.jlaplace.bench.memory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A peak-heap estimate as a sum of named parts, each a count of doubles (8 bytes). Counts are
 * saturating longs: a product that overflows becomes {@link Long#MAX_VALUE}, which no heap fits.
 */
public final class MemoryEstimate {
    private final Map<String, Long> parts = new LinkedHashMap<>();

    /** Adds {@code doubles} doubles under {@code name} (parts of the same name add up). */
    public MemoryEstimate doubles(String name, long doubles) {
        parts.merge(name, saturatingMultiply(doubles, Double.BYTES), MemoryEstimate::saturatingAdd);
        return this;
    }

    /** Adds {@code bytes} bytes under {@code name} (parts of the same name add up). */
    public MemoryEstimate bytes(String name, long bytes) {
        parts.merge(name, bytes, MemoryEstimate::saturatingAdd);
        return this;
    }

    /** The larger of this estimate and {@code other}, for stages that do not overlap. */
    public MemoryEstimate max(MemoryEstimate other) {
        return other.total() > total() ? other : this;
    }

    /** The total in bytes. */
    public long total() {
        long t = 0;
        for (long b : parts.values()) {
            t = saturatingAdd(t, b);
        }
        return t;
    }

    /** The bytes of the part called {@code name} (0 if absent). */
    public long part(String name) {
        return parts.getOrDefault(name, 0L);
    }

    /** "name size, name size, ..." for the parts of at least 1 MB (all parts if none is). */
    public String breakdown() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : parts.entrySet()) {
            if (e.getValue() >= (1L << 20) || total() < (1L << 20)) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(e.getKey()).append(' ').append(HeapBudget.bytes(e.getValue()));
            }
        }
        return b.toString();
    }

    /** {@code a × b} for non-negative factors, or {@link Long#MAX_VALUE} if it overflows. */
    public static long saturatingMultiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code a + b} for non-negative terms, or {@link Long#MAX_VALUE} if it overflows. */
    public static long saturatingAdd(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /** The product of the factors, saturating. */
    public static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            p = saturatingMultiply(p, f);
        }
        return p;
    }
}
