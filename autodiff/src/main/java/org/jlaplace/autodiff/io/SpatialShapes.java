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
        return (int) ((padded - kernel) / stride + 1);
    }

    /** An int when both values agree (as PyTorch users usually write), otherwise {@code [h, w]}. */
    static JsonValue toJson(int height, int width) {
        return height == width ? JsonNumber.of(height) : JsonArray.of(List.of(JsonNumber.of(height), JsonNumber.of(width)));
    }
}
