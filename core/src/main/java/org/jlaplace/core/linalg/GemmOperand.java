package org.jlaplace.core.linalg;

/**
 * A matrix operand seen through its transpose flag: element {@code (i, j)} of {@code op(X)} is
 * {@code data[offset + i·rowStride + j·colStride]}. For a row-major matrix with leading dimension
 * {@code ld}, {@code op(X) = X} has strides {@code (ld, 1)} and {@code op(X) = Xᵀ} has {@code (1, ld)}.
 */
record GemmOperand(double[] data, int offset, int rowStride, int colStride) {

    /** {@code op(X)} of the row-major matrix {@code X} at {@code offset} with leading dimension {@code ld}. */
    static GemmOperand of(double[] data, int offset, int ld, boolean transposed) {
        return transposed ? new GemmOperand(data, offset, 1, ld) : new GemmOperand(data, offset, ld, 1);
    }

    /** The index of element {@code (i, j)}. */
    int index(int i, int j) {
        return offset + i * rowStride + j * colStride;
    }
}
