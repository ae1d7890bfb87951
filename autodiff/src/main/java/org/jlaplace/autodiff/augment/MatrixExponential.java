package org.jlaplace.autodiff.augment;

import java.util.Arrays;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * The matrix exponential {@code exp(A) = Σ_j A^j / j!} of a batch of square matrices
 * {@code [B, n, n]}, written in {@link Var} operations so that it is differentiable to any order.
 *
 * <p>Scaling and squaring: {@code exp(A) = exp(A / 2^s)^(2^s)} with {@code s} chosen (from the
 * values, not differentiated: it is a piecewise-constant choice of algorithm) so that the largest
 * 1-norm in the batch is at most ½; the exponential of the scaled matrix is the Taylor polynomial
 * of degree {@value #DEGREE} evaluated in Horner form, {@code I + A(I + A/2(I + A/3(…)))}, whose
 * truncation error is below {@code 0.5^13/13! ≈ 2e-14} relative.
 */
public final class MatrixExponential {
    /** Degree of the Taylor polynomial. */
    public static final int DEGREE = 12;

    private MatrixExponential() {
    }

    /** {@code exp(a)} for every matrix of {@code a} ({@code [B, n, n]}). */
    public static Var exp(Var a) {
        int[] s = a.shape();
        if (s.length != 3 || s[1] != s[2]) {
            throw new IllegalArgumentException("MatrixExponential.exp: expected a batch of square matrices [B, n, n], got "
                + Arrays.toString(s));
        }
        int squarings = squarings(a.value(), s[0], s[1]);
        Var scaled = squarings == 0 ? a : a.mul(Math.scalb(1.0, -squarings));
        Var eye = Var.of(Tensor.eye(s[1]));
        Var p = eye;
        for (int j = DEGREE; j >= 1; j--) {
            p = eye.add(scaled.matmul(p).mul(1.0 / j));
        }
        for (int k = 0; k < squarings; k++) {
            p = p.matmul(p);
        }
        return p;
    }

    /** The number of squarings that brings the largest 1-norm to at most ½. */
    static int squarings(Tensor a, int batch, int n) {
        double[] d = a.contiguous().data();
        double largest = 0.0;
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < n; j++) {
                double col = 0.0;
                for (int i = 0; i < n; i++) {
                    col += Math.abs(d[(b * n + i) * n + j]);
                }
                largest = Math.max(largest, col);
            }
        }
        if (!Double.isFinite(largest)) {
            throw new IllegalArgumentException("MatrixExponential.exp: the matrices hold a non-finite entry");
        }
        int s = 0;
        while (largest > 0.5) {
            largest /= 2.0;
            s++;
        }
        return s;
    }
}
