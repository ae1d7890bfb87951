package org.jlaplace.autodiff.nn;

/** Kernels of {@link Flatten}: the identity on row-major buffers, in either dtype. */
final class FlattenOp extends LayerOp {

    FlattenOp(int[] inShape, int[] outShape) {
        super(inShape, outShape);
    }

    @Override
    Object forward(double[] x, int m, double[][] params, double[] y) {
        System.arraycopy(x, 0, y, 0, m * inSize);
        return null;
    }

    @Override
    void backwardInput(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[] gx) {
        System.arraycopy(gy, 0, gx, 0, m * r * inSize);
    }

    @Override
    void jvp(double[] x, Object saved, int m, int r, double[] tx, double[][] params, double[][] v, double[] ty) {
        if (tx == null) {
            java.util.Arrays.fill(ty, 0, m * r * outSize, 0.0);
        } else {
            System.arraycopy(tx, 0, ty, 0, m * r * inSize);
        }
    }

    @Override
    Object forward(float[] x, int m, float[][] params, float[] y, Object reuse) {
        System.arraycopy(x, 0, y, 0, m * inSize);
        return null;
    }

    @Override
    void backwardInput(float[] x, Object saved, int m, int r, float[] gy, float[][] params, float[] gx) {
        System.arraycopy(gy, 0, gx, 0, m * r * inSize);
    }

    @Override
    void jvp(float[] x, Object saved, int m, int r, float[] tx, float[][] params, float[][] v, float[] ty) {
        if (tx == null) {
            java.util.Arrays.fill(ty, 0, m * r * outSize, 0f);
        } else {
            System.arraycopy(tx, 0, ty, 0, m * r * inSize);
        }
    }
}
