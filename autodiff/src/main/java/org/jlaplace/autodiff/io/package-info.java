/**
 * Model files: the architecture ({@link org.jlaplace.autodiff.io.ModelSpec}, model.json) and the
 * parameters ({@link org.jlaplace.autodiff.io.SafeTensors}, model.safetensors), read and written by
 * {@link org.jlaplace.autodiff.io.ModelIO} in the layout PyTorch uses for an {@code nn.Sequential}.
 * Every malformed input raises a {@link org.jlaplace.autodiff.io.ModelFormatException} naming the
 * file and the problem.
 */
package org.jlaplace.autodiff.io;
