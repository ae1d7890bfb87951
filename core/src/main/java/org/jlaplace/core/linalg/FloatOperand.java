package org.jlaplace.core.linalg;

/** The {@code float[]} twin of {@link GemmOperand}: element {@code (i, j)} of {@code op(X)} is {@code data[offset + i·rowStride + j·colStride]}. */
record FloatOperand(float[] data, int offset, int rowStride, int colStride) {

    /** {@code op(X)} of the row-major matrix {@code X} at {@code offset} with leading dimension {@code ld}. */
    static FloatOperand of(float[] data, int offset, int ld, boolean transposed) {
        return transposed ? new FloatOperand(data, offset, 1, ld) : new FloatOperand(data, offset, ld, 1);
    }

    /** The index of element {@code (i, j)}. */
    int index(int i, int j) {
        return offset + i * rowStride + j * colStride;
    }
}
