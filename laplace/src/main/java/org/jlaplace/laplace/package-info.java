/** jlaplace laplace. */
package org.jlaplace.laplace;
