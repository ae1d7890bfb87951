/**
 * jlaplace core: dense tensors, the elementwise and reduction kernels, linear algebra and
 * convolution kernels.
 *
 * <p>The SIMD kernels ({@code org.jlaplace.core.internal.vector}) are not exported: the kernel
 * provider loads them by reflection from inside this module when {@code jdk.incubator.vector} is
 * resolved (start the JVM with {@code --add-modules jdk.incubator.vector}); without it the scalar
 * kernels are used, which is why the Vector API is only a static (optional) dependency.
 */
module org.jlaplace.core {
    requires static jdk.incubator.vector;

    exports org.jlaplace.core;
    exports org.jlaplace.core.conv;
    exports org.jlaplace.core.kernels;
    exports org.jlaplace.core.linalg;
}
