/**
 * A small JSON reader and writer for the model files (model.json and the safetensors header).
 *
 * <p>The library modules depend on EJML only, so this is hand-written. Every parsed value remembers
 * the line and column where it starts, so that errors found later (a wrong layer field, a bad
 * offset) can still point at the place in the file.
 */
package org.jlaplace.autodiff.io.json;
