package org.jlaplace.core.linalg;

/** Argument checks shared by {@link Gemm} and {@link Syrk}: the messages name the operation and the operand. */
final class GemmChecks {

    private GemmChecks() {
    }

    /** Checks that the sizes are non-negative and the thread count positive. */
    static void sizes(String op, int m, int n, int k, int threads) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        if (threads < 1) {
            throw new IllegalArgumentException(op + ": thread count " + threads + " < 1");
        }
    }

    /**
     * Checks that {@code array} holds a row-major {@code rows×cols} matrix at {@code off} with leading
     * dimension {@code ld} ({@code ld ≥ cols}).
     */
    static void check(String op, String name, double[] array, int off, int ld, int rows, int cols, boolean transposed) {
        check(op, name, array == null, array == null ? 0 : array.length, off, ld, rows, cols, transposed);
    }

    /** As {@link #check(String, String, double[], int, int, int, int, boolean)} for a {@code float[]} operand. */
    static void check(String op, String name, float[] array, int off, int ld, int rows, int cols, boolean transposed) {
        check(op, name, array == null, array == null ? 0 : array.length, off, ld, rows, cols, transposed);
    }

    /** The element-type-free check on an array's presence and length. */
    private static void check(String op, String name, boolean isNull, int length, int off, int ld, int rows, int cols,
                              boolean transposed) {
        // The description is built only on failure: this runs on every call, also for tiny products.
        if (isNull) {
            throw new IllegalArgumentException(op + ": " + stored(name, rows, cols, transposed) + " is null");
        }
        if (off < 0) {
            throw new IllegalArgumentException(op + ": " + stored(name, rows, cols, transposed)
                    + " has negative offset " + off);
        }
        if (ld < cols || ld < 0) {
            throw new IllegalArgumentException(op + ": leading dimension " + ld + " of "
                    + stored(name, rows, cols, transposed) + " is smaller than its " + cols + " columns");
        }
        if (rows > 0 && cols > 0) {
            long last = off + (long) (rows - 1) * ld + (cols - 1);
            if (last >= length) {
                throw new IllegalArgumentException(op + ": " + stored(name, rows, cols, transposed) + " at offset "
                        + off + " with leading dimension " + ld + " needs " + (last + 1)
                        + " elements but the array has " + length);
            }
        }
    }

    private static String stored(String name, int rows, int cols, boolean transposed) {
        return name + (transposed ? " (transposed, stored " : " (stored ") + rows + "×" + cols + ")";
    }
}
