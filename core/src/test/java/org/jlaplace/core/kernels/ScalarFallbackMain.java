package org.jlaplace.core.kernels;

import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.SGemm;

/**
 * Run in a child JVM without the Vector API by {@link KernelProviderTest}: prints the double kernels'
 * name and a 1×1×3 GEMM, then the float kernels' name and the same product by SGEMM.
 */
public final class ScalarFallbackMain {

    private ScalarFallbackMain() {
    }

    public static void main(String[] args) {
        double[] a = {1, 1, 1};
        double[] b = {1, 2, 3};
        double[] c = {Double.NaN};
        VectorKernels kernels = KernelProvider.get();
        KernelProvider.get();
        Gemm.gemm(false, false, 1, 1, 3, 1.0, a, 0, 3, b, 0, 1, 0.0, c, 0, 1);
        float[] fc = {Float.NaN};
        FloatKernels floats = KernelProvider.floats();
        SGemm.gemm(false, false, 1, 1, 3, 1.0f, new float[] {1, 1, 1}, 0, 3, new float[] {1, 2, 3}, 0, 1, 0.0f, fc, 0, 1);
        System.out.println(kernels.name() + " " + c[0] + " " + floats.name() + " " + fc[0]);
    }
}
