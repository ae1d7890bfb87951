package org.jlaplace.autodiff.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named tensor of a safetensors file: its element type in the file, its shape and its values
 * in row-major order (as doubles, whatever the stored type).
 *
 * @param name   the tensor's key in the header, e.g. {@code "0.weight"}
 * @param dtype  the element type in the file (read) or to be used in the file (write)
 * @param shape  non-negative extents; {@code values.length} equals their product
 * @param values row-major values
 */
public record SafeTensor(String name, DType dtype, int[] shape, double[] values) {

    public SafeTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        long count = 1;
        for (int extent : shape) {
            if (extent < 0) {
                throw new IllegalArgumentException("SafeTensor " + name + ": negative extent in shape "
                        + Arrays.toString(shape));
            }
            // Saturate instead of wrapping, so an absurd shape can never appear to match the values.
            count = count > Integer.MAX_VALUE ? count : count * extent;
        }
        for (int extent : shape) {
            if (extent == 0) {
                count = 0;
            }
        }
        if (count != values.length) {
            throw new IllegalArgumentException("SafeTensor " + name + ": shape " + Arrays.toString(shape)
                    + " holds " + count + " values but " + values.length + " were given");
        }
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of elements. */
    public int size() {
        return values.length;
    }

    /** Value equality (arrays compared by content; doubles bitwise, so NaN equals NaN). */
    @Override
    public boolean equals(Object other) {
        return other instanceof SafeTensor t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "SafeTensor[" + name + ", " + dtype + ", " + Arrays.toString(shape) + "]";
    }
}
