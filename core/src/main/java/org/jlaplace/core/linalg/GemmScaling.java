package org.jlaplace.core.linalg;

/** {@code C = β·C} on a row-major block (its lower triangle only, if asked), with {@code β = 0} writing zeros over anything, NaN included. */
final class GemmScaling {

    private GemmScaling() {
    }

    static void scale(double beta, double[] c, int cOff, int ldc, int rows, int cols, boolean lowerOnly) {
        if (beta == 1.0) {
            return;
        }
        for (int i = 0; i < rows; i++) {
            int width = lowerOnly ? Math.min(cols, i + 1) : cols;
            int at = cOff + i * ldc;
            for (int j = 0; j < width; j++) {
                c[at + j] = beta == 0.0 ? 0.0 : beta * c[at + j];
            }
        }
    }

    /** As {@link #scale(double, double[], int, int, int, int, boolean)} on {@code float[]} (no generics over primitives). */
    static void scale(float beta, float[] c, int cOff, int ldc, int rows, int cols, boolean lowerOnly) {
        if (beta == 1.0f) {
            return;
        }
        for (int i = 0; i < rows; i++) {
            int width = lowerOnly ? Math.min(cols, i + 1) : cols;
            int at = cOff + i * ldc;
            for (int j = 0; j < width; j++) {
                c[at + j] = beta == 0.0f ? 0.0f : beta * c[at + j];
            }
        }
    }
}
