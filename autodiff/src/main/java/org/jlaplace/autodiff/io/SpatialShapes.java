package org.jlaplace.autodiff.io;

import java.util.List;
import org.jlaplace.autodiff.io.json.JsonArray;
import org.jlaplace.autodiff.io.json.JsonNumber;
import org.jlaplace.autodiff.io.json.JsonValue;

/** Output-size arithmetic shared by convolution and pooling specs. */
final class SpatialShapes {

    private SpatialShapes() {
    }

    /**
     * {@code ⌊(extent + 2·padding − kernel) / stride⌋ + 1}, PyTorch's output size without dilation.
     *
     * @throws IllegalArgumentException if the padded input is smaller than the kernel
     */
    static int outputExtent(String axis, int extent, int kernel, int stride, int padding) {
        long padded = (long) extent + 2L * padding;
        if (padded < kernel) {
            throw new IllegalArgumentException("kernel " + axis + " " + kernel + " is larger than the padded input "
                    + axis + " " + padded);
        }
        long out = (padded - kernel) / stride + 1;
        if (out > MAX_ELEMENTS) {
            throw new IllegalArgumentException("output " + axis + " " + out + " is too large");
        }
        return (int) out;
    }

    /** An int when both values agree (as PyTorch users usually write), otherwise {@code [h, w]}. */
    /** Largest array length that is safe on every JVM. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /**
     * The product of the extents, computed with overflow checks.
     *
     * @throws IllegalArgumentException naming {@code what} if it exceeds {@link #MAX_ELEMENTS}
     */
    static long elements(int[] shape, String what) {
        long size = 1;
        try {
            for (int d : shape) {
                size = Math.multiplyExact(size, (long) d);
            }
        } catch (ArithmeticException overflow) {
            size = Long.MAX_VALUE;
        }
        if (size > MAX_ELEMENTS) {
            throw new IllegalArgumentException(what + " of shape " + java.util.Arrays.toString(shape) + " has "
                    + (size == Long.MAX_VALUE ? "more than 2^63" : Long.toString(size))
                    + " elements, more than the limit of " + MAX_ELEMENTS);
        }
        return size;
    }

    static JsonValue toJson(int height, int width) {
        return height == width ? JsonNumber.of(height) : JsonArray.of(List.of(JsonNumber.of(height), JsonNumber.of(width)));
    }
}
