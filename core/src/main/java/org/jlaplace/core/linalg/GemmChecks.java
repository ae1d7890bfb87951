package org.jlaplace.core.linalg;

/** Argument checks shared by {@link Gemm} and {@link Syrk}: the messages name the operation and the operand. */
final class GemmChecks {

    private GemmChecks() {
    }

    /**
     * Checks that {@code array} holds a row-major {@code rows×cols} matrix at {@code off} with leading
     * dimension {@code ld} ({@code ld ≥ cols}).
     */
    static void check(String op, String name, double[] array, int off, int ld, int rows, int cols, boolean transposed) {
        // The description is built only on failure: this runs on every call, also for tiny products.
        if (array == null) {
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
            if (last >= array.length) {
                throw new IllegalArgumentException(op + ": " + stored(name, rows, cols, transposed) + " at offset "
                        + off + " with leading dimension " + ld + " needs " + (last + 1)
                        + " elements but the array has " + array.length);
            }
        }
    }

    private static String stored(String name, int rows, int cols, boolean transposed) {
        return name + (transposed ? " (transposed, stored " : " (stored ") + rows + "×" + cols + ")";
    }
}
